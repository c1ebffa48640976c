package dev.fargatedoctor.check;

import java.time.Clock;
import java.time.Instant;

/**
 * What a check may use: one region of the snapshot, the clock, the thresholds, and a finding
 * factory.
 */
public final class CheckContext {
  private final CheckInfo info;
  private final RegionView region;
  private final Clock clock;
  private final Thresholds thresholds;

  public CheckContext(CheckInfo info, RegionView region, Clock clock, Thresholds thresholds) {
    this.info = info;
    this.region = region;
    this.clock = clock;
    this.thresholds = thresholds;
  }

  public RegionView region() {
    return region;
  }

  public Instant now() {
    return clock.instant();
  }

  public Thresholds thresholds() {
    return thresholds;
  }

  /** Starts a finding of this check about a resource, with the check's law and default severity. */
  public FindingBuilder finding(Resource resource) {
    return new FindingBuilder(info, region.name(), resource);
  }
}
