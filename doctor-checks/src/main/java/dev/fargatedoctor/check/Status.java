package dev.fargatedoctor.check;

/**
 * The verdict on one resource. UNKNOWN means the inputs were not collected (denied, throttled,
 * missing from a dump): never a clean bill of health. PASS lets a playbook narrate what was fine.
 */
public enum Status {
  FAIL,
  WARN,
  UNKNOWN,
  PASS;

  /** FAIL and WARN are problems; they count against --fail-on. */
  public boolean isProblem() {
    return this == FAIL || this == WARN;
  }
}
