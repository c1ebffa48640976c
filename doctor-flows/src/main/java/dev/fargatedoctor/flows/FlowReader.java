package dev.fargatedoctor.flows;

import dev.fargatedoctor.snapshot.InvalidInputException;
import dev.fargatedoctor.snapshot.flows.FlowSummary;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads flow-log sources one after another into one {@link FlowAggregator}, streaming: a buffer of
 * lines at a time, whatever the size. Bad input is counted and named (file and line), never fatal:
 * a truncated gzip stream is read up to the cut, a line of the wrong shape is skipped, a format
 * that cannot be parsed skips its source. Only when nothing at all could be read does {@link
 * #summary} refuse, naming the first problem.
 */
public final class FlowReader {
  private static final int MAX_PROBLEMS = 12;
  private static final int BUFFER = 1 << 20;

  private final FlowAggregator aggregator;
  private final Instant from;
  private final Instant to;
  private final FlowFormat fallback;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, Long> problemCounts = new LinkedHashMap<>();
  private final List<FlowSummary.SourcePeriod> periods = new ArrayList<>();
  private final List<String> formatsSeen = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private InvalidInputException firstProblem;
  private final List<SourceReport> reports = new ArrayList<>();
  private String sourceProblem;
  private long sourceProblems;

  /**
   * What became of one source: records read (every status), and the first problem with the count of
   * problems, or null when it was read cleanly.
   */
  public record SourceReport(String name, long records, long problems, String firstProblem) {
    public boolean clean() {
      return problems == 0;
    }
  }

  private long lines;
  private long malformed;
  private long truncated;
  private long unreadable;

  /**
   * @param from first instant of the window, or null
   * @param to end of the window (exclusive), or null
   * @param notAfter records starting later than this are skewed: no flow log writes the future
   * @param fallback the format of sources that neither know theirs nor start with a header
   */
  public FlowReader(
      AddressClasses classes, Instant from, Instant to, Instant notAfter, FlowFormat fallback) {
    this.aggregator =
        new FlowAggregator(
            classes,
            from == null ? Long.MIN_VALUE : from.getEpochSecond(),
            to == null ? Long.MAX_VALUE : to.getEpochSecond(),
            notAfter == null ? Long.MAX_VALUE : notAfter.getEpochSecond());
    this.from = from;
    this.to = to;
    this.fallback = fallback == null ? FlowFormat.DEFAULT : fallback;
  }

  /** Reads one source to its end (or to where it breaks). */
  public void read(FlowSource source) {
    names.add(source.name());
    sourceProblem = null;
    sourceProblems = 0;
    long skipBefore = aggregator.skipData();
    long before = aggregator.records() + aggregator.noData() + aggregator.skipData();
    aggregator.takeSpan();
    FlowFormat format = source.format() == null ? fallback : source.format();
    aggregator.use(format);
    long lineNo = 0;
    boolean headerChecked = false;
    try (InputStream raw = source.open();
        InputStream in = decoded(raw, source.name())) {
      byte[] buf = new byte[BUFFER];
      int len = 0;
      int pos = 0;
      boolean eof = false;
      while (!eof || pos < len) {
        int nl = -1;
        for (int i = pos; i < len; i++) {
          if (buf[i] == '\n') {
            nl = i;
            break;
          }
        }
        if (nl < 0) {
          if (eof) {
            nl = len; // a last line without a newline
          } else {
            if (pos > 0) {
              System.arraycopy(buf, pos, buf, 0, len - pos);
              len -= pos;
              pos = 0;
            }
            if (len == buf.length) {
              if (buf.length >= 16 * BUFFER) {
                problem("malformed", source.name(), lineNo + 1, "a line over 16 MiB");
                malformed++;
                len = 0;
                continue;
              }
              buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            int n = readSome(in, buf, len);
            if (n < 0) eof = true;
            else len += n;
            continue;
          }
        }
        int end = nl > pos && buf[nl - 1] == '\r' ? nl - 1 : nl;
        lineNo++;
        lines++;
        if (end > pos) {
          if (!headerChecked) {
            headerChecked = true;
            FlowFormat header = header(buf, pos, end, source.name());
            if (header != null) {
              aggregator.use(header);
              format = header;
              pos = nl < len ? nl + 1 : len;
              continue;
            }
          }
          FlowAggregator.Outcome o = aggregator.accept(buf, pos, end);
          if (o == FlowAggregator.Outcome.WRONG_FIELD_COUNT) {
            malformed++;
            problem(
                "malformed",
                source.name(),
                lineNo,
                fieldCount(buf, pos, end) + " fields where the format has " + format.size());
          } else if (o == FlowAggregator.Outcome.BAD_VALUE) {
            malformed++;
            problem("malformed", source.name(), lineNo, "a value is not a number or address");
          }
        }
        pos = nl < len ? nl + 1 : len;
      }
    } catch (TruncatedException e) {
      truncated++;
      problem(
          "truncated",
          source.name(),
          lineNo,
          "the gzip stream ends early (" + e.getMessage() + "): read up to here");
    } catch (FlowFormatException e) {
      unreadable++;
      problem("format", source.name(), lineNo, e.getMessage());
    } catch (IOException e) {
      unreadable++;
      problem(
          "unreadable",
          source.name(),
          lineNo,
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    if (!formatsSeen.contains(format.formatString())) formatsSeen.add(format.formatString());
    long read = aggregator.records() + aggregator.noData() + aggregator.skipData() - before;
    long skipped = aggregator.skipData() - skipBefore;
    if (skipped > 0) {
      sourceProblems += skipped;
      if (sourceProblem == null) {
        sourceProblem = skipped + " SKIPDATA records: AWS could not capture some flows";
      }
    }
    reports.add(new SourceReport(source.name(), read, sourceProblems, sourceProblem));
    long[] span = aggregator.takeSpan();
    if (read > 0 && span != null) {
      periods.add(
          new FlowSummary.SourcePeriod(
              source.name(), Instant.ofEpochSecond(span[0]), Instant.ofEpochSecond(span[1]), read));
    }
  }

  /** A source that could not be opened at all (denied, gone), named with why. */
  public void unreadable(String source, String why) {
    names.add(source);
    unreadable++;
    sourceProblem = null;
    sourceProblems = 0;
    problem("unreadable", source, 0, why);
    reports.add(new SourceReport(source, 0, 1, why));
  }

  /** Every source read so far, in order. */
  public List<SourceReport> sources() {
    return List.copyOf(reports);
  }

  private FlowFormat header(byte[] buf, int start, int end, String name) {
    if (buf[start] < 'a' || buf[start] > 'z') return null; // records start with a number or id
    String line = new String(buf, start, end - start, StandardCharsets.US_ASCII);
    if (line.startsWith("eni-")) return null;
    return FlowFormat.fromHeader(line);
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

  private static int readSome(InputStream in, byte[] buf, int len) throws IOException {
    try {
      return in.read(buf, len, buf.length - len);
    } catch (EOFException | ZipException e) {
      throw new TruncatedException(e.getMessage());
    }
  }

  private static InputStream decoded(InputStream raw, String name) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int a = in.read();
    int b = in.read();
    in.reset();
    if (a == 0x1f && b == 0x8b) return new Prefetch(new GZIPInputStream(in, 1 << 16), name);
    return in;
  }

  private void problem(String kind, String file, long line, String message) {
    problemCounts.merge(kind, 1L, Long::sum);
    sourceProblems++;
    if (sourceProblem == null) sourceProblem = (line > 0 ? "line " + line + ": " : "") + message;
    if (firstProblem == null) firstProblem = new InvalidInputException(file, line, -1, message);
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(file + (line > 0 ? ":" + line : "") + ": " + message);
    }
  }

  /**
   * What was read, as the snapshot carries it.
   *
   * @throws InvalidInputException naming the first problem's file and line when sources were read
   *     and not one record came out of them
   */
  public FlowSummary summary(String source) {
    FlowTables tables = aggregator.tables();
    long readable = aggregator.records() + aggregator.noData() + aggregator.skipData();
    if (readable == 0 && firstProblem != null && aggregator.outsideWindow() == 0) {
      throw new InvalidInputException(
          firstProblem.file(),
          firstProblem.line(),
          -1,
          "no flow-log record could be read: "
              + firstProblem.getMessage().substring(firstProblem.getMessage().indexOf(": ") + 2));
    }
    List<String> out = new ArrayList<>(problems);
    out.addAll(skew());
    if (problems.size() < problemCounts.values().stream().mapToLong(Long::longValue).sum()) {
      out.add(
          "and more: "
              + problemCounts.entrySet().stream()
                  .map(e -> e.getValue() + " " + e.getKey())
                  .reduce((x, y) -> x + ", " + y)
                  .orElse(""));
    }
    FlowSummary.FlowCounts counts =
        new FlowSummary.FlowCounts(
            lines,
            aggregator.records(),
            aggregator.noData(),
            aggregator.skipData(),
            malformed,
            aggregator.outsideWindow(),
            aggregator.skewed(),
            truncated,
            unreadable,
            aggregator.overflow());
    return new FlowSummary(
        source == null ? String.join(", ", names) : source,
        from,
        to,
        covered(),
        aggregator.format().knownFields(),
        counts,
        out,
        periods,
        tables.interfaces(),
        tables.rejected(),
        tables.noReply(),
        tables.traffic());
  }

  /** The tables alone, for comparing engines. */
  public FlowTables tables() {
    return aggregator.tables();
  }

  // Seconds the sources cover: the union of their periods, so files far apart in time do not
  // count the gap between them as quiet traffic.
  private long covered() {
    List<FlowSummary.SourcePeriod> sorted = new ArrayList<>(periods);
    sorted.sort(Comparator.comparing(FlowSummary.SourcePeriod::first));
    long total = 0;
    Instant start = null;
    Instant end = null;
    for (FlowSummary.SourcePeriod p : sorted) {
      if (end == null || p.first().isAfter(end)) {
        if (end != null) total += Duration.between(start, end).getSeconds();
        start = p.first();
        end = p.last();
      } else if (p.last().isAfter(end)) {
        end = p.last();
      }
    }
    if (end != null) total += Duration.between(start, end).getSeconds();
    return Math.max(total, periods.isEmpty() ? 0 : 60);
  }

  // Sources whose periods lie apart: read together they are not one window.
  private List<String> skew() {
    List<String> out = new ArrayList<>();
    if (aggregator.skewed() > 0) {
      out.add(
          aggregator.skewed()
              + " records with impossible times (end before start, or in the future): left out");
    }
    List<FlowSummary.SourcePeriod> sorted = new ArrayList<>(periods);
    sorted.sort(Comparator.comparing(FlowSummary.SourcePeriod::first));
    for (int i = 1; i < sorted.size(); i++) {
      FlowSummary.SourcePeriod a = sorted.get(i - 1);
      FlowSummary.SourcePeriod b = sorted.get(i);
      Duration gap = Duration.between(a.last(), b.first());
      if (gap.compareTo(Duration.ofMinutes(15)) > 0) {
        out.add(
            b.source()
                + " starts "
                + human(gap)
                + " after "
                + a.source()
                + " ends: they cover separate periods ("
                + a.first()
                + " to "
                + a.last()
                + ", "
                + b.first()
                + " to "
                + b.last()
                + "); costs are projected from the time covered, not the span");
      }
    }
    return out;
  }

  private static String human(Duration d) {
    if (d.toDays() > 0) return d.toDays() + " d " + d.toHoursPart() + " h";
    if (d.toHours() > 0) return d.toHours() + " h " + d.toMinutesPart() + " min";
    return d.toMinutes() + " min";
  }

  /** A gzip stream that stops before its end. */
  private static final class TruncatedException extends IOException {
    TruncatedException(String message) {
      super(message == null ? "unexpected end" : message);
    }
  }
}
