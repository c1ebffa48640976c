package dev.fargatedoctor.collect;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;

/**
 * Checks a Region name before any call is made: a typo ({@code us-est-1}) would otherwise cost a
 * DNS failure per service and end as "nothing could be collected". Known means known to the AWS
 * SDK's region metadata; with --endpoint-url (LocalStack, moto, a private partition) any
 * well-formed name goes.
 */
final class KnownRegions {
  private static final Pattern SHAPE = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
  private static final Pattern ANY_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private KnownRegions() {}

  /** The Regions the SDK knows, without the partitions' global pseudo-Regions (aws-global...). */
  static List<String> all() {
    return Region.regions().stream()
        .map(Region::id)
        .filter(id -> SHAPE.matcher(id).matches())
        .sorted()
        .toList();
  }

  /**
   * @param from where the name came from, for the message: "--region", "AWS_REGION or the profile"
   * @throws IllegalArgumentException naming the closest known Region and the others
   */
  static void check(String region, String from, boolean endpointGiven) {
    if (endpointGiven ? ANY_NAME.matcher(region).matches() : all().contains(region)) return;
    if (endpointGiven) {
      throw new IllegalArgumentException(
          from + " '" + region + "' is not a Region name (lower-case letters, digits and dashes)");
    }
    List<String> known = all();
    String closest =
        known.stream().min(Comparator.comparingInt(k -> distance(k, region))).orElseThrow();
    throw new IllegalArgumentException(
        from
            + " '"
            + region
            + "' is not a Region the AWS SDK knows"
            + (distance(closest, region) <= 3 ? " (did you mean " + closest + "?)" : "")
            + "; the Regions: "
            + String.join(", ", known)
            + " (with --endpoint-url any name goes)");
  }

  // Levenshtein distance: how many one-letter edits turn one name into the other.
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int swap = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + swap);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
