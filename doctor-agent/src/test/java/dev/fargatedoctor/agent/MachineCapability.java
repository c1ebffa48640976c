package dev.fargatedoctor.agent;

import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * A test that needs something of the machine (IPv6, a second network interface). Where it is
 * missing the test is skipped with a message, except under CI=true, where it fails: CI never passes
 * by skipping.
 */
public final class MachineCapability {
  private MachineCapability() {}

  public static void require(boolean present, String what) {
    if (present) return;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) fail("CI needs " + what);
    Assumptions.abort("this machine has no " + what + ": skipped");
  }
}
