package dev.fargatedoctor.snapshot;

import dev.fargatedoctor.snapshot.iam.IamData;
import java.util.List;
import java.util.Optional;

/**
 * The whole picture a scan works from: the same JSON is the saved snapshot, the offline input and
 * the test fixture format. Checks never see anything else, so every check is a pure function of
 * this.
 */
public record Snapshot(
    String schema,
    Capture capture,
    List<RegionSnapshot> regions,
    IamData iam,
    List<Coverage> coverage) {

  public static final String SCHEMA = "fargate-doctor/snapshot/v1";

  public Snapshot {
    regions = Lists.of(regions);
    iam = iam == null ? IamData.EMPTY : iam;
    coverage = Lists.of(coverage);
  }

  public Optional<RegionSnapshot> region(String name) {
    return regions.stream().filter(r -> r.region().equals(name)).findFirst();
  }

  public String accountId() {
    return capture == null ? null : capture.accountId();
  }
}
