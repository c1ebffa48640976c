package dev.fargatedoctor.report;

import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;

/** Terminal colours, or none: off when output is not a terminal or NO_COLOR is set. */
final class Ansi {
  private final boolean on;

  Ansi(boolean on) {
    this.on = on;
  }

  String bold(String s) {
    return wrap("1", s);
  }

  String dim(String s) {
    return wrap("2", s);
  }

  String severity(Severity severity, String s) {
    return switch (severity) {
      case CRITICAL -> wrap("1;31", s);
      case HIGH -> wrap("31", s);
      case MEDIUM -> wrap("33", s);
      case LOW -> wrap("36", s);
      case INFO -> wrap("2", s);
    };
  }

  String status(Status status, String s) {
    return switch (status) {
      case PASS -> wrap("32", s);
      case UNKNOWN -> wrap("35", s);
      case WARN -> wrap("33", s);
      case FAIL -> wrap("31", s);
    };
  }

  private String wrap(String code, String s) {
    return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
