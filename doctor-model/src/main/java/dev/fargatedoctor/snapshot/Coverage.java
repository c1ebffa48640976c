package dev.fargatedoctor.snapshot;

/**
 * The outcome of one collection step (an operation, maybe paginated, maybe for one resource). A
 * check whose inputs were not collected says UNKNOWN and names {@link #action}, never "OK".
 *
 * @param region the region, or {@code "global"} for IAM and STS
 * @param action the IAM action the step needs, e.g. {@code ec2:DescribeNetworkInterfaces}
 * @param resource what the step was about when narrower than the region (a cluster, a role), or
 *     null
 * @param calls API calls made (pages, batches)
 * @param retries attempts beyond the first, across those calls (throttling, 5xx)
 */
public record Coverage(
    String region,
    String action,
    Outcome outcome,
    String resource,
    String message,
    int calls,
    int retries) {

  public static final String GLOBAL = "global";

  public enum Outcome {
    OK,
    DENIED,
    THROTTLED,
    TIMEOUT,
    FAILED,
    NOT_FOUND,
    UNSUPPORTED,
    NOT_COLLECTED;

    /** True when the data this step should have produced is in the snapshot. */
    public boolean collected() {
      return this == OK || this == NOT_FOUND;
    }
  }

  public static Coverage ok(String region, String action, String resource, int calls, int retries) {
    return new Coverage(region, action, Outcome.OK, resource, null, calls, retries);
  }

  public boolean collected() {
    return outcome.collected();
  }
}
