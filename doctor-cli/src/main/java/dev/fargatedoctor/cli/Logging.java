package dev.fargatedoctor.cli;

/**
 * The SDK logs through SLF4J, bound to slf4j-simple on stderr: off unless --debug. Set before the
 * first logger exists, which is why main() looks for --debug before picocli parses.
 */
final class Logging {
  private static final String PREFIX = "org.slf4j.simpleLogger.";

  private Logging() {}

  static void configure(boolean debug) {
    setDefault(PREFIX + "logFile", "System.err");
    setDefault(PREFIX + "defaultLogLevel", debug ? "debug" : "off");
    setDefault(PREFIX + "showDateTime", "true");
    setDefault(PREFIX + "dateTimeFormat", "HH:mm:ss.SSS");
    // Apache's header and wire logs would print session tokens: never, even with --debug.
    setDefault(PREFIX + "log.org.apache.http.headers", "off");
    setDefault(PREFIX + "log.org.apache.http.wire", "off");
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) System.setProperty(key, value);
  }
}
