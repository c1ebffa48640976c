package dev.fargatedoctor.flows;

import java.util.ArrayList;
import java.util.List;

/**
 * What parsing one chunk of lines gave, for the reader to account in order once every chunk of the
 * source is done: lines seen, records read, problems with their line within the chunk (the first
 * few; the rest counted), and the period the records cover.
 */
final class ChunkResult {
  /** Problems kept per chunk: enough for the reader's first few over the whole read. */
  static final int MAX_PROBLEMS = 12;

  record LineProblem(long line, String message) {}

  long lines;
  long read;
  long skipped;
  long malformed;
  final List<LineProblem> problems = new ArrayList<>();
  long firstStart = Long.MAX_VALUE;
  long lastEnd = Long.MIN_VALUE;

  void malformed(long line, String message) {
    malformed++;
    if (problems.size() < MAX_PROBLEMS) problems.add(new LineProblem(line, message));
  }

  /** Parses {@code buf[start, end)}, whole lines, into an aggregator. */
  void parse(FlowAggregator aggregator, FlowFormat format, byte[] buf, int start, int end) {
    ChunkResult r = this;
    if (aggregator.format() != format) aggregator.use(format);
    long before = aggregator.records() + aggregator.noData() + aggregator.skipData();
    long skipBefore = aggregator.skipData();
    aggregator.takeSpan();
    int pos = start;
    long line = 0;
    while (pos < end) {
      FlowAggregator.Outcome o = aggregator.acceptLine(buf, pos, end);
      int nl = aggregator.lineEnd();
      line++;
      int stop = nl > pos && buf[nl - 1] == '\r' ? nl - 1 : nl;
      if (o != FlowAggregator.Outcome.EMPTY) {
        if (o == FlowAggregator.Outcome.WRONG_FIELD_COUNT) {
          r.malformed(
              line, fieldCount(buf, pos, stop) + " fields where the format has " + format.size());
        } else if (o == FlowAggregator.Outcome.BAD_VALUE) {
          r.malformed(line, "a value is not a number or address");
        }
      }
      pos = nl + 1;
    }
    aggregator.flush();
    r.lines = line;
    r.read = aggregator.records() + aggregator.noData() + aggregator.skipData() - before;
    r.skipped = aggregator.skipData() - skipBefore;
    long[] span = aggregator.takeSpan();
    if (span != null) {
      r.firstStart = span[0];
      r.lastEnd = span[1];
    }
  }

  private static int fieldCount(byte[] b, int start, int end) {
    int n = 0;
    boolean in = false;
    for (int i = start; i < end; i++) {
      boolean space = b[i] == ' ' || b[i] == '\t';
      if (!space && !in) n++;
      in = !space;
    }
    return n;
  }
}
