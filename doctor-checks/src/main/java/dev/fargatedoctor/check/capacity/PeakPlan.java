package dev.fargatedoctor.check.capacity;

import java.time.Instant;
import java.util.List;

/**
 * The answer of a preflight: for each region, each planned service and each resource — network
 * interfaces, free IPs per subnet and per AZ, Fargate On-Demand and Spot vCPU — whether the peak
 * fits, with its margin. The plan fits when no resource is DOES_NOT_FIT or UNKNOWN.
 */
public record PeakPlan(
    Instant generatedAt,
    String accountId,
    boolean deployDuringPeak,
    List<String> requests,
    List<Region> regions) {
  public PeakPlan {
    requests = List.copyOf(requests);
    regions = List.copyOf(regions);
  }

  public enum Verdict {
    /** Fits with room to spare. */
    FITS,
    /** Fits, but leaves less than the reserve (subnets) or crosses the critical level (quotas). */
    TIGHT,
    DOES_NOT_FIT,
    /** Cannot tell: the limit was not readable. Never taken as fitting. */
    UNKNOWN;

    public boolean fits() {
      return this == FITS || this == TIGHT;
    }
  }

  public record Region(
      String region,
      List<ServiceLine> services,
      List<Resource> resources,
      List<LaunchEstimate> launches,
      List<String> notes) {
    public Region {
      services = List.copyOf(services);
      resources = List.copyOf(resources);
      launches = List.copyOf(launches);
      notes = List.copyOf(notes);
    }
  }

  /**
   * A planned service: from its current desired count to the planned one, and its peak while
   * deploying.
   */
  public record ServiceLine(
      String service,
      int desired,
      int planned,
      int live,
      int peak,
      int maximumPercent,
      Double vcpuPerTask,
      int onDemandAtPeak,
      int spotAtPeak,
      List<String> availabilityZones) {
    public ServiceLine {
      availabilityZones = List.copyOf(availabilityZones);
    }
  }

  /**
   * One resource's verdict. {@code needed} is what the peak adds, {@code available} what is left
   * now, {@code margin} what remains at the peak (negative: the shortfall).
   */
  public record Resource(
      String kind,
      String id,
      Verdict verdict,
      Double needed,
      Double available,
      Double margin,
      String unit,
      String detail) {}

  public boolean fits() {
    return regions.stream().flatMap(r -> r.resources().stream()).allMatch(r -> r.verdict().fits());
  }
}
