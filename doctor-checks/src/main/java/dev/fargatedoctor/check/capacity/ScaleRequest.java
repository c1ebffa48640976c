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
      if (times <= 0)
        throw new IllegalArgumentException("--scale '" + text + "': a factor must be above 0x");
      return new ScaleRequest(cluster, service, Kind.TIMES, times, text);
    }
    if (m.group(2) != null)
      return new ScaleRequest(cluster, service, Kind.PLUS, Integer.parseInt(m.group(2)), text);
    return new ScaleRequest(cluster, service, Kind.ABSOLUTE, Integer.parseInt(m.group(3)), text);
  }

  /** The planned desired count for a service that has {@code desired} now. */
  public int apply(int desired) {
    return switch (kind) {
      case TIMES -> (int) Math.ceil(desired * amount - 1e-9);
      case PLUS -> Math.max(0, desired + (int) amount);
      case ABSOLUTE -> (int) amount;
    };
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
