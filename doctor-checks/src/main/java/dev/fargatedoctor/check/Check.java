package dev.fargatedoctor.check;

import java.util.List;

/**
 * A check is a pure function of one region of a snapshot: no AWS calls, no I/O, time from the
 * context's clock. It returns a finding per resource it evaluated, PASS included.
 */
public interface Check {
  List<Finding> run(CheckContext context);

  default CheckInfo info() {
    CheckInfo info = getClass().getAnnotation(CheckInfo.class);
    if (info == null) throw new IllegalStateException(getClass().getName() + " has no @CheckInfo");
    return info;
  }
}
