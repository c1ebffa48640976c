package dev.fargatedoctor.check;

/**
 * The UNKNOWN finding for a resource a check threw on. It names the check, the resource and the
 * error, at the check's own severity, so a crash counts against --fail-on like any other gap and
 * never reads as a pass.
 */
final class Unevaluated {
  private Unevaluated() {}

  static Finding finding(
      CheckInfo info, String account, String region, Resource resource, RuntimeException e) {
    return new FindingBuilder(info, account, region, resource)
        .unknown(
            info.id()
                + " could not evaluate "
                + resource.type()
                + " "
                + resource.id()
                + ": "
                + summary(e))
        .evidence("check", info.id())
        .evidence("error", summary(e))
        .evidence("at", origin(e))
        .fix(
            "The check met data it does not handle, so it judged nothing here; the other resources were"
                + " judged as usual. Please report it with the --debug output and, if you can share it,"
                + " the snapshot (--save-snapshot).")
        .build();
  }

  static String summary(Throwable e) {
    String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    if (message.length() > 200) message = message.substring(0, 197) + "...";
    return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }

  // The innermost frame of our own code: where a maintainer starts looking.
  private static String origin(Throwable e) {
    for (StackTraceElement frame : e.getStackTrace()) {
      if (frame.getClassName().startsWith("dev.fargatedoctor.")) {
        return frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1)
            + "."
            + frame.getMethodName()
            + (frame.getLineNumber() > 0 ? ":" + frame.getLineNumber() : "");
      }
    }
    return e.getStackTrace().length == 0 ? null : e.getStackTrace()[0].toString();
  }
}
