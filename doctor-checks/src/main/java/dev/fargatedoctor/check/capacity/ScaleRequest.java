package dev.fargatedoctor.check.capacity;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --scale SERVICE=FACTOR} of a preflight: a service (name, or CLUSTER/NAME when the name
 * is in several clusters) and how its desired count changes — {@code 10x} (times, rounded up),
 * {@code +40} / {@code -5} (more or fewer tasks), or {@code 120} (an absolute count).
 */
public record ScaleRequest(String cluster, String service, Kind kind, double amount, String text) {
  public enum Kind {
    TIMES,
    PLUS,
    ABSOLUTE
  }

  private static final Pattern FACTOR =
      Pattern.compile("(?:(\\d+(?:\\.\\d+)?)[xX])|([+-]\\d+)|(\\d+)");

  /**
   * The most tasks a plan may give one service: far above ECS's 5,000 tasks per service, so any
   * real plan fits, while a typo's millions are caught.
   */
  public static final int MAX_TASKS = 100_000;

  /** The largest multiplier: a thousandfold peak is already beyond any capacity plan. */
  public static final double MAX_TIMES = 1000;

  public static ScaleRequest parse(String text) {
    int eq = text == null ? -1 : text.lastIndexOf('=');
    if (eq <= 0 || eq == text.length() - 1) {
      throw new IllegalArgumentException(
          "--scale '" + text + "': expected SERVICE=FACTOR, e.g. api=10x, api=+40 " + "or api=120");
    }
    String target = text.substring(0, eq).trim();
    String factor = text.substring(eq + 1).trim();
    String cluster = null;
    String service = target;
    int slash = target.lastIndexOf('/');
    if (slash >= 0) {
      cluster = target.substring(0, slash);
      service = target.substring(slash + 1);
      if (cluster.contains(":cluster/"))
        cluster = cluster.substring(cluster.indexOf(":cluster/") + 9);
    }
    if (service.isEmpty())
      throw new IllegalArgumentException("--scale '" + text + "': no service name");
    Matcher m = FACTOR.matcher(factor);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--scale '"
              + text
              + "': factor '"
              + factor
              + "' is none of 10x (times), "
              + "+40 or -5 (more or fewer tasks), 120 (tasks)");
    }
    if (m.group(1) != null) {
      double times = Double.parseDouble(m.group(1));
      if (times <= 0 || times > MAX_TIMES)
        throw new IllegalArgumentException(
            "--scale '" + text + "': a factor is above 0x and at most " + (int) MAX_TIMES + "x");
      return new ScaleRequest(cluster, service, Kind.TIMES, times, text);
    }
    String count = m.group(2) != null ? m.group(2) : m.group(3);
    long tasks =
        count.replaceFirst("^[+-]?0*", "").length() > 9 ? Long.MAX_VALUE : Long.parseLong(count);
    if (Math.abs(tasks) > MAX_TASKS)
      throw new IllegalArgumentException(
          "--scale '" + text + "': at most " + MAX_TASKS + " tasks for one service");
    return new ScaleRequest(
        cluster, service, m.group(2) != null ? Kind.PLUS : Kind.ABSOLUTE, tasks, text);
  }

  /**
   * The planned desired count for a service that has {@code desired} now; a plan that would take it
   * below zero tasks or past {@link #MAX_TASKS} is an error, not a plan that fits.
   */
  public int apply(int desired) {
    long planned =
        switch (kind) {
          case TIMES -> (long) Math.ceil(desired * amount - 1e-9);
          case PLUS -> desired + (long) amount;
          case ABSOLUTE -> (long) amount;
        };
    if (planned < 0)
      throw new IllegalArgumentException(
          "--scale '"
              + text
              + "': "
              + service
              + " runs "
              + desired
              + " task(s) now; it cannot lose "
              + (long) -amount);
    if (planned > MAX_TASKS)
      throw new IllegalArgumentException(
          "--scale '"
              + text
              + "': "
              + planned
              + " tasks for "
              + service
              + " is past the "
              + MAX_TASKS
              + " a plan allows for one service");
    return (int) planned;
  }

  public String target() {
    return cluster == null ? service : cluster + "/" + service;
  }

  public String factor() {
    return switch (kind) {
      case TIMES ->
          (amount == Math.rint(amount) ? Long.toString((long) amount) : Double.toString(amount))
              + "x";
      case PLUS -> (amount >= 0 ? "+" : "") + (long) amount;
      case ABSOLUTE -> Long.toString((long) amount);
    };
  }

  @Override
  public String toString() {
    return target().toLowerCase(Locale.ROOT).equals(target()) ? target() + "=" + factor() : text;
  }
}
