package dev.fargatedoctor.snapshot;

/** Small ARN helpers: ECS and IAM accept names or ARNs in many places. */
public final class Arns {
  private Arns() {}

  /** The part after the last '/', or the input itself when it has none (a plain name). */
  public static String lastSegment(String arnOrName) {
    if (arnOrName == null) return null;
    int slash = arnOrName.lastIndexOf('/');
    return slash < 0 ? arnOrName : arnOrName.substring(slash + 1);
  }

  /** The region field of an ARN (arn:partition:service:region:account:resource), or null. */
  public static String region(String arn) {
    return field(arn, 3);
  }

  /** The account field of an ARN, or null. */
  public static String account(String arn) {
    return field(arn, 4);
  }

  private static String field(String arn, int index) {
    if (arn == null || !arn.startsWith("arn:")) return null;
    String[] parts = arn.split(":", 6);
    return parts.length > index && !parts[index].isEmpty() ? parts[index] : null;
  }
}
