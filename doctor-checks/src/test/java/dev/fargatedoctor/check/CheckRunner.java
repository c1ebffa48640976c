package dev.fargatedoctor.check;

import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Runs one check through the real engine (so coverage gaps behave as in a scan) at a fixed time.
 */
public final class CheckRunner {
  /** Fixtures are captured at this instant. */
  public static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private CheckRunner() {}

  public static List<Finding> run(Check check, String fixture) {
    return run(check, Fixtures.snapshot(fixture));
  }

  public static List<Finding> run(Check check, Snapshot snapshot) {
    return new CheckEngine(List.of(check), CLOCK, Thresholds.DEFAULTS).run(snapshot).findings();
  }

  public static List<Finding> problems(Check check, String fixture) {
    return run(check, fixture).stream().filter(f -> f.status() != Status.PASS).toList();
  }
}
