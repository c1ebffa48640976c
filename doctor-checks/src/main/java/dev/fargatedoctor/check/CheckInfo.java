package dev.fargatedoctor.check;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A check's metadata, on the class itself. The long documentation lives in {@code checks/<ID>.md}
 * on the classpath: what it detects, why it matters, how it decides, how to fix.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CheckInfo {
  /** Stable id; reports, tests, configuration and docs use it. Never rename one. */
  String id();

  String title();

  Law law();

  Severity severity();

  /** What the check reads from the snapshot; drives UNKNOWN when it was not collected. */
  Input[] needs();
}
