package dev.fargatedoctor.flows;

import dev.fargatedoctor.snapshot.InvalidInputException;
import dev.fargatedoctor.snapshot.flows.FlowSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads flow-log sources one after another, streaming: a chunk of lines at a time, whatever the
 * size, parsed over {@link ChunkedParse#PARTITIONS} partitions on threads of their own and merged
 * when the summary is taken. Bad input is counted and named (file and line), never fatal: a
 * truncated gzip stream is read up to the cut, a line of the wrong shape is skipped, a format that
 * cannot be parsed skips its source. Only when nothing at all could be read does {@link #summary}
 * refuse, naming the first problem.
 */
public final class FlowReader {
  private static final int MAX_PROBLEMS = 12;

  private final FlowAggregator[] partitions = new FlowAggregator[ChunkedParse.PARTITIONS];
  private final ChunkedParse parse;
  private FlowAggregator merged;
  private FlowFormat lastFormat;
  private final Instant from;
  private final Instant to;
  private final FlowFormat fallback;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, Long> problemCounts = new LinkedHashMap<>();
  private final List<FlowSummary.SourcePeriod> periods = new ArrayList<>();
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
    this(classes, from, to, notAfter, fallback, true, FlowAggregator.MAX_GROUPS);
  }

  /**
   * As above; {@code threaded} false parses every chunk on the calling thread, to the same end;
   * {@code maxGroups} is what the tables keep over all partitions.
   */
  FlowReader(
      AddressClasses classes,
      Instant from,
      Instant to,
      Instant notAfter,
      FlowFormat fallback,
      boolean threaded,
      int maxGroups) {
    for (int p = 0; p < partitions.length; p++) {
      partitions[p] =
          new FlowAggregator(
              classes,
              from == null ? Long.MIN_VALUE : from.getEpochSecond(),
              to == null ? Long.MAX_VALUE : to.getEpochSecond(),
              notAfter == null ? Long.MAX_VALUE : notAfter.getEpochSecond(),
              maxGroups / partitions.length);
    }
    this.parse = new ChunkedParse(partitions, threaded);
    this.from = from;
    this.to = to;
    this.fallback = fallback == null ? FlowFormat.DEFAULT : fallback;
    this.lastFormat = this.fallback;
  }

  /**
   * Reads one source to its end (or to where it breaks).
   *
   * @throws IllegalStateException after {@link #summary} or {@link #tables}: they end the read
   */
  public void read(FlowSource source) {
    if (merged != null) throw new IllegalStateException("a flow read continued after its summary");
    names.add(source.name());
    sourceProblem = null;
    sourceProblems = 0;
    FlowFormat format = source.format() == null ? fallback : source.format();
    ChunkedParse.Read read = null;
    IOException failure;
    try (InputStream raw = source.open();
        InputStream in = decoded(raw)) {
      read = parse.read(in, format, source.name());
      failure = read.failure;
    } catch (IOException e) {
      failure = read == null || read.failure == null ? e : read.failure;
    }
    long records = 0;
    long skipped = 0;
    long sourceLines = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    if (read != null) {
      format = read.format;
      for (ChunkResult c : read.chunks) {
        for (ChunkResult.LineProblem p : c.problems) {
          problem("malformed", source.name(), sourceLines + p.line(), p.message());
        }
        long uncounted = c.malformed - c.problems.size();
        if (uncounted > 0) {
          problemCounts.merge("malformed", uncounted, Long::sum);
          sourceProblems += uncounted;
        }
        malformed += c.malformed;
        sourceLines += c.lines;
        records += c.read;
        skipped += c.skipped;
        first = Math.min(first, c.firstStart);
        last = Math.max(last, c.lastEnd);
      }
    }
    lines += sourceLines;
    if (failure instanceof ChunkedParse.Truncated) {
      truncated++;
      problem(
          "truncated",
          source.name(),
          sourceLines,
          "the gzip stream ends early (" + failure.getMessage() + "): read up to here");
    } else if (failure instanceof ChunkedParse.FormatProblem) {
      unreadable++;
      problem("format", source.name(), sourceLines, failure.getMessage());
    } else if (failure != null) {
      unreadable++;
      problem(
          "unreadable",
          source.name(),
          sourceLines,
          failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
    }
    lastFormat = format;
    if (skipped > 0) {
      sourceProblems += skipped;
      if (sourceProblem == null) {
        sourceProblem = skipped + " SKIPDATA records: AWS could not capture some flows";
      }
    }
    reports.add(new SourceReport(source.name(), records, sourceProblems, sourceProblem));
    if (records > 0 && first != Long.MAX_VALUE) {
      periods.add(
          new FlowSummary.SourcePeriod(
              source.name(), Instant.ofEpochSecond(first), Instant.ofEpochSecond(last), records));
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

  private static InputStream decoded(InputStream raw) throws IOException {
    PushbackInputStream in = new PushbackInputStream(raw, 2);
    int a = in.read();
    int b = a < 0 ? -1 : in.read();
    if (b >= 0) in.unread(b);
    if (a >= 0) in.unread(a);
    if (a == 0x1f && b == 0x8b) return new GZIPInputStream(in, 1 << 16);
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
    FlowAggregator aggregator = merged();
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
        lastFormat.knownFields(),
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
    return merged().tables();
  }

  // The partitions as one, merged once: reading ends here.
  private FlowAggregator merged() {
    if (merged == null) {
      for (int p = 1; p < partitions.length; p++) partitions[0].merge(partitions[p]);
      merged = partitions[0];
    }
    return merged;
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
    FlowAggregator aggregator = merged();
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
}
