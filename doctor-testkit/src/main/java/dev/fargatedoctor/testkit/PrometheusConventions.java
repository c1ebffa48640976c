package dev.fargatedoctor.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Prometheus text exposition (0.0.4) back and checks the conventions both of Fargate
 * Doctor's endpoints follow (watch's, written by the Prometheus Java client, and the agent's,
 * written by hand): HELP and TYPE on every metric, {@code _total} exactly on counters, ratios from
 * 0 to 1 named {@code _ratio}, base units in names, and one name per meaning — every series of a
 * metric carries the same label names, so a Region total and a per-VPC count cannot share a name.
 */
public final class PrometheusConventions {
  private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)");
  private static final Pattern TYPE =
      Pattern.compile(
          "# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE =
      Pattern.compile(
          "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? "
              + "([-+]?(?:[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?|NaN|Inf))( -?[0-9]+)?");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

  /** Units that are not base units, and spellings of "percent". */
  private static final Pattern NOT_BASE_UNIT =
      Pattern.compile(
          ".*_(percent|percentage|pct|ms|millis|milliseconds|us|ns|minutes|hours|kb|kib|mb|mib|gb|gib)(_|$).*");

  /** One metric as read back: its type, help, and each series' labels and value. */
  public record Family(
      String name,
      String type,
      String help,
      List<Map<String, String>> series,
      List<Double> values) {}

  private PrometheusConventions() {}

  /**
   * Parses the exposition; a line that is not HELP, TYPE or a sample of the current metric fails.
   */
  public static Map<String, Family> parse(String text) {
    Map<String, Family> families = new LinkedHashMap<>();
    String help = null;
    String helpName = null;
    Family current = null;
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) continue;
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        check(!families.containsKey(m.group(1)), "one HELP per metric: " + line);
        helpName = m.group(1);
        help = m.group(2);
      } else if ((m = TYPE.matcher(line)).matches()) {
        check(m.group(1).equals(helpName), "HELP comes right before its TYPE: " + line);
        current = new Family(m.group(1), m.group(2), help, new ArrayList<>(), new ArrayList<>());
        families.put(current.name(), current);
        helpName = null;
      } else if (line.startsWith("#")) {
        check(false, "only HELP and TYPE comments: " + line);
      } else {
        m = SAMPLE.matcher(line);
        check(m.matches(), "a sample line: " + line);
        check(
            current != null && m.group(1).equals(current.name()),
            "a sample follows its own metric's TYPE: " + line);
        String labels = m.group(3) == null ? "" : m.group(3);
        Map<String, String> parsed = new LinkedHashMap<>();
        Matcher l = LABEL.matcher(labels);
        int end = 0;
        while (l.find() && l.start() == end) {
          check(parsed.put(l.group(1), l.group(2)) == null, "a label once per series: " + line);
          end = l.end();
        }
        check(end == labels.length(), "well-formed labels: " + line);
        check(!current.series().contains(parsed), "no duplicate series: " + line);
        current.series().add(parsed);
        current.values().add(value(m.group(4)));
      }
    }
    return families;
  }

  /**
   * Checks every convention and returns the metrics read, for further assertions. Throws an {@link
   * AssertionError} naming the metric at the first one broken.
   */
  public static Map<String, Family> check(String text, String prefix) {
    Map<String, Family> families = parse(text);
    check(!families.isEmpty(), "the exposition has metrics");
    for (Family f : families.values()) {
      String name = f.name();
      check(
          name.matches(prefix + "[a-z0-9_]+") && !name.contains("__"),
          name + ": a snake_case name under " + prefix);
      check(f.help() != null && !f.help().isBlank(), name + ": has a HELP text");
      check(
          name.endsWith("_total") == f.type().equals("counter"),
          name + ": _total on counters and only on counters (it is a " + f.type() + ")");
      check(!NOT_BASE_UNIT.matcher(name).matches(), name + ": base units (seconds, bytes, ratio)");
      if (name.endsWith("_ratio")) {
        for (double v : f.values())
          check(v >= 0 && v <= 1, name + ": a ratio from 0 to 1, not " + v);
      }
      if (f.type().equals("counter") || name.endsWith("_seconds") || name.endsWith("_bytes")) {
        for (double v : f.values()) check(v >= 0, name + ": never negative, not " + v);
      }
      Set<Set<String>> labelNames = new java.util.HashSet<>();
      for (Map<String, String> s : f.series()) labelNames.add(new TreeSet<>(s.keySet()));
      check(
          labelNames.size() <= 1,
          name + ": one meaning per name, so one set of label names, not " + labelNames);
    }
    for (String name : families.keySet()) {
      for (String suffix : List.of("_total", "_count", "_sum", "_bucket")) {
        check(
            !families.containsKey(name + suffix),
            name + " and " + name + suffix + " are two metrics with one name");
      }
    }
    return families;
  }

  private static double value(String s) {
    return switch (s) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  private static void check(boolean ok, String what) {
    if (!ok) throw new AssertionError("Prometheus convention broken: " + what);
  }
}
