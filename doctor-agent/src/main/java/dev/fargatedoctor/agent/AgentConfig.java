package dev.fargatedoctor.agent;

import dev.fargatedoctor.agent.detect.DetectorSettings;
import dev.fargatedoctor.agent.proc.LocalPortRange;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's settings, from defaults, then environment variables ({@code FARGATE_DOCTOR_AGENT_*},
 * for task definitions), then flags or -javaagent options (highest).
 *
 * <p>Error messages name the setting but never repeat its value, and {@link #toString()} leaves out
 * the token and the metadata URI: values that come from the environment are not echoed.
 */
final class AgentConfig {

  static final String ENV_PREFIX = "FARGATE_DOCTOR_AGENT_";
  static final String METADATA_ENV = "ECS_CONTAINER_METADATA_URI_V4";
  static final int MIN_TOKEN_LENGTH = 16;

  /** Every option name, as a flag ({@code --name}), agent option ({@code name=}) and env suffix. */
  enum Option {
    PORT("port"),
    BIND("bind"),
    INTERVAL("interval"),
    WINDOW("window"),
    HEAPDUMP_TOKEN("heapdump-token"),
    HEAPDUMP_DIR("heapdump-dir"),
    HEAPDUMP_MIN_INTERVAL("heapdump-min-interval"),
    EMF("emf"),
    EMF_NAMESPACE("emf-namespace"),
    PROC_ROOT("proc-root"),
    CGROUP_ROOT("cgroup-root"),
    CLOSE_WAIT_THRESHOLD("close-wait-threshold"),
    SYN_SENT_THRESHOLD("syn-sent-threshold"),
    SYN_SENT_MIN_AGE("syn-sent-min-age"),
    TIME_WAIT_THRESHOLD("time-wait-threshold"),
    FD_RATIO("fd-ratio"),
    MEMORY_RATIO("memory-ratio"),
    HORIZON("horizon");

    final String key;

    Option(String key) {
      this.key = key;
    }

    String env() {
      return ENV_PREFIX + name();
    }

    static Option byKey(String key) {
      String normalized = key.toLowerCase(Locale.ROOT).replace('_', '-');
      if (normalized.equals("token")) {
        return HEAPDUMP_TOKEN; // short form for -javaagent:...=token=...
      }
      for (Option o : values()) {
        if (o.key.equals(normalized)) {
          return o;
        }
      }
      return null;
    }
  }

  final String bind;
  final int port;
  final Duration interval;
  final DetectorSettings detectors;
  final String heapdumpToken;
  final Path heapdumpDir;
  final Duration heapdumpMinInterval;
  final boolean emf;
  final String emfNamespace;
  final Path procRoot;
  final Path cgroupRoot;
  final String metadataUri;

  private AgentConfig(Map<Option, String> v, String metadataUri) {
    this.procRoot = Path.of(v.getOrDefault(Option.PROC_ROOT, "/proc"));
    this.cgroupRoot = Path.of(v.getOrDefault(Option.CGROUP_ROOT, "/sys/fs/cgroup"));
    this.bind = v.getOrDefault(Option.BIND, "127.0.0.1");
    checkAddress(bind);
    this.port = integer(v, Option.PORT, 9779, 0, 65535);
    this.interval = duration(v, Option.INTERVAL, Duration.ofSeconds(10));
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw invalid(Option.INTERVAL, "must be at least 1 second");
    }
    DetectorSettings d = DetectorSettings.defaults();
    this.detectors =
        new DetectorSettings(
            duration(v, Option.WINDOW, d.window()),
            integer(v, Option.CLOSE_WAIT_THRESHOLD, d.closeWait(), 1, Integer.MAX_VALUE),
            integer(v, Option.SYN_SENT_THRESHOLD, d.synSent(), 1, Integer.MAX_VALUE),
            duration(v, Option.SYN_SENT_MIN_AGE, d.synSentMinAge()),
            integer(v, Option.TIME_WAIT_THRESHOLD, d.timeWait(), 1, Integer.MAX_VALUE),
            ratio(v, Option.FD_RATIO, d.fdRatio()),
            ratio(v, Option.MEMORY_RATIO, d.memoryRatio()),
            d.growthFloor(),
            duration(v, Option.HORIZON, d.horizon()),
            ephemeralPorts(procRoot));
    if (detectors.window().compareTo(interval.multipliedBy(2)) < 0) {
      throw invalid(Option.WINDOW, "must cover at least two intervals");
    }
    String token = v.get(Option.HEAPDUMP_TOKEN);
    this.heapdumpToken = token == null || token.isEmpty() ? null : token;
    if (heapdumpToken != null && heapdumpToken.length() < MIN_TOKEN_LENGTH) {
      throw invalid(Option.HEAPDUMP_TOKEN, "must be at least " + MIN_TOKEN_LENGTH + " characters");
    }
    String dir = v.get(Option.HEAPDUMP_DIR);
    this.heapdumpDir = dir == null || dir.isEmpty() ? null : Path.of(dir);
    this.heapdumpMinInterval = duration(v, Option.HEAPDUMP_MIN_INTERVAL, Duration.ofMinutes(10));
    this.emf = bool(v, Option.EMF, true);
    this.emfNamespace = v.getOrDefault(Option.EMF_NAMESPACE, "FargateDoctor/Agent");
    if (emfNamespace.isBlank() || emfNamespace.length() > 255) {
      throw invalid(Option.EMF_NAMESPACE, "must be 1-255 characters");
    }
    this.metadataUri = metadataUri == null || metadataUri.isBlank() ? null : metadataUri;
  }

  /**
   * Builds the configuration.
   *
   * @param env the process environment (only FARGATE_DOCTOR_AGENT_* and the metadata URI are read)
   * @param options flags or -javaagent options by name, overriding the environment
   */
  static AgentConfig load(Map<String, String> env, Map<String, String> options) {
    Map<Option, String> values = new LinkedHashMap<>();
    for (Option o : Option.values()) {
      String value = env.get(o.env());
      if (value != null) {
        values.put(o, value.trim());
      }
    }
    for (Map.Entry<String, String> e : options.entrySet()) {
      Option o = Option.byKey(e.getKey());
      if (o == null) {
        throw new IllegalArgumentException(
            "unknown option '" + e.getKey() + "' (see docs/agent.md)");
      }
      values.put(o, e.getValue().trim());
    }
    return new AgentConfig(values, env.get(METADATA_ENV));
  }

  /** The size of the local (ephemeral) port range; the kernel default when it cannot be read. */
  static int ephemeralPorts(Path procRoot) {
    return LocalPortRange.read(procRoot).size();
  }

  /** Parses -javaagent options: {@code port=9779,bind=127.0.0.1,token=...}. */
  static Map<String, String> parseAgentArgs(String args) {
    Map<String, String> options = new LinkedHashMap<>();
    if (args == null || args.isBlank()) {
      return options;
    }
    for (String part : args.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "agent option must be name=value: '"
                + (part.length() > 40 ? part.substring(0, 40) : part)
                + "'");
      }
      options.put(part.substring(0, eq).trim(), part.substring(eq + 1));
    }
    return options;
  }

  boolean bindIsLoopback() {
    try {
      return InetAddress.getByName(bind).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  boolean heapdumpEnabled() {
    return heapdumpToken != null && heapdumpDir != null;
  }

  @Override
  public String toString() {
    return "AgentConfig[bind="
        + bind
        + ", port="
        + port
        + ", interval="
        + interval.getSeconds()
        + "s, window="
        + detectors.window().getSeconds()
        + "s, emf="
        + emf
        + ", heapdump="
        + (heapdumpEnabled() ? "enabled" : "disabled")
        + ", metadata="
        + (metadataUri == null ? "absent" : "present")
        + "]";
  }

  private static void checkAddress(String bind) {
    // A literal only: the bind address must not depend on DNS.
    boolean literal =
        bind.matches("\\d{1,3}(\\.\\d{1,3}){3}")
            || (bind.contains(":") && bind.matches("[0-9A-Fa-f:.]+"));
    if (!literal) {
      throw invalid(Option.BIND, "must be an IP address literal such as 127.0.0.1 or 0.0.0.0");
    }
  }

  private static int integer(Map<Option, String> v, Option o, int fallback, int min, int max) {
    String s = v.get(o);
    if (s == null || s.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(s);
      if (value < min || value > max) {
        throw invalid(o, "must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw invalid(o, "must be a whole number");
    }
  }

  private static double ratio(Map<Option, String> v, Option o, double fallback) {
    String s = v.get(o);
    if (s == null || s.isEmpty()) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(s);
      if (!(value > 0 && value <= 1)) {
        throw invalid(o, "must be a fraction above 0 and at most 1, such as 0.8");
      }
      return value;
    } catch (NumberFormatException e) {
      throw invalid(o, "must be a fraction such as 0.8");
    }
  }

  private static boolean bool(Map<Option, String> v, Option o, boolean fallback) {
    String s = v.get(o);
    if (s == null || s.isEmpty()) {
      return fallback;
    }
    switch (s.toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "1":
      case "on":
        return true;
      case "false":
      case "no":
      case "0":
      case "off":
        return false;
      default:
        throw invalid(o, "must be true or false");
    }
  }

  /** "30", "30s", "5m", "1h" or an ISO-8601 duration ("PT30S"). */
  static Duration duration(Map<Option, String> v, Option o, Duration fallback) {
    String s = v.get(o);
    if (s == null || s.isEmpty()) {
      return fallback;
    }
    try {
      Duration d;
      String lower = s.toLowerCase(Locale.ROOT);
      if (lower.startsWith("pt")) {
        d = Duration.parse(s);
      } else if (lower.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2)));
      } else if (lower.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(lower.substring(0, lower.length() - 1)));
      } else if (lower.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(lower.substring(0, lower.length() - 1)));
      } else if (lower.endsWith("h")) {
        d = Duration.ofHours(Long.parseLong(lower.substring(0, lower.length() - 1)));
      } else {
        d = Duration.ofSeconds(Long.parseLong(lower));
      }
      if (d.isNegative() || d.isZero()) {
        throw invalid(o, "must be positive");
      }
      return d;
    } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
      throw invalid(o, "must be a duration such as 30s, 5m or 1h");
    }
  }

  private static IllegalArgumentException invalid(Option o, String why) {
    return new IllegalArgumentException(
        "invalid " + o.env() + " / " + o.key + ": " + why + " (value not shown)");
  }
}
