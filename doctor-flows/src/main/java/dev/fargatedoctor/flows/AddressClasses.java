package dev.fargatedoctor.flows;

import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.ec2.PrefixList;
import dev.fargatedoctor.snapshot.ec2.Vpc;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How the byte counts fold addresses so they stay small: an address of the VPCs (or any private
 * range) stays itself, because the checks place it on an interface and an AZ; a public address
 * becomes the AWS prefix list that holds it (S3, DynamoDB: where a gateway endpoint would carry
 * it), or {@code 0.0.0.0/0}. The SQL analyses fold with the same ranges.
 */
public final class AddressClasses {
  public static final String PUBLIC = "0.0.0.0/0";
  public static final String IPV6 = "ipv6";

  /** Ranges that stay addresses: RFC 1918, shared address space, and the VPCs' own CIDRs. */
  private final List<long[]> keep = new ArrayList<>();

  /** Public ranges named by a prefix list: first, last, index into {@link #labels}. */
  private final long[] first;

  private final long[] last;
  private final int[] label;
  private final List<String> labels = new ArrayList<>();

  public record Range(String cidr, String label) {}

  AddressClasses(List<String> keepCidrs, List<Range> named) {
    for (String c : List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10")) {
      keep.add(bounds(c));
    }
    for (String c : keepCidrs) {
      long[] b = bounds(c);
      if (b != null && keep.stream().noneMatch(k -> k[0] <= b[0] && b[1] <= k[1])) keep.add(b);
    }
    List<long[]> ranges = new ArrayList<>();
    for (Range r : named) {
      long[] b = bounds(r.cidr());
      if (b == null) continue;
      int index = labels.indexOf(r.label());
      if (index < 0) {
        labels.add(r.label());
        index = labels.size() - 1;
      }
      ranges.add(new long[] {b[0], b[1], index});
    }
    ranges.sort(Comparator.comparingLong((long[] r) -> r[0]));
    first = new long[ranges.size()];
    last = new long[ranges.size()];
    label = new int[ranges.size()];
    for (int i = 0; i < ranges.size(); i++) {
      first[i] = ranges.get(i)[0];
      last[i] = ranges.get(i)[1];
      label[i] = (int) ranges.get(i)[2];
    }
  }

  /** No VPC ranges and no prefix lists: private addresses stay, everything public is one class. */
  public static final AddressClasses NONE = new AddressClasses(List.of(), List.of());

  /** The VPCs' CIDRs and the AWS prefix lists (with their CIDRs) a region's snapshot holds. */
  public static AddressClasses of(RegionSnapshot region) {
    List<String> vpcs = new ArrayList<>();
    for (Vpc v : region.ec2().vpcs()) vpcs.addAll(v.cidrBlocks());
    List<Range> named = new ArrayList<>();
    for (PrefixList pl : region.ec2().prefixLists()) {
      for (String c : pl.cidrs()) named.add(new Range(c, pl.prefixListId()));
    }
    return new AddressClasses(vpcs, named);
  }

  public static AddressClasses of(List<String> keepCidrs, List<Range> named) {
    return new AddressClasses(keepCidrs, named);
  }

  /** Kept ranges as first and last address, for the SQL. */
  List<long[]> keepRanges() {
    return keep;
  }

  /** Named ranges as first, last and label, for the SQL. */
  List<Object[]> namedRanges() {
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < first.length; i++)
      out.add(new Object[] {first[i], last[i], labels.get(label[i])});
    return out;
  }

  boolean keeps(long ip) {
    for (long[] k : keep) if (ip >= k[0] && ip <= k[1]) return true;
    return false;
  }

  /** The prefix-list index holding a public address, or -1. */
  int named(long ip) {
    int lo = 0;
    int hi = first.length - 1;
    int found = -1;
    while (lo <= hi) { // the last range starting at or below ip
      int mid = (lo + hi) >>> 1;
      if (first[mid] <= ip) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    // Ranges may nest (a list holding a /16 and a /20 inside it): look back a little.
    for (int i = found; i >= 0 && i > found - 8; i--) if (ip <= last[i]) return label[i];
    return -1;
  }

  String label(int index) {
    return labels.get(index);
  }

  static long[] bounds(String cidr) {
    int slash = cidr.indexOf('/');
    long ip = Ipv4.parse(slash < 0 ? cidr : cidr.substring(0, slash));
    if (ip < 0) return null;
    int prefix;
    try {
      prefix = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      return null;
    }
    if (prefix < 0 || prefix > 32) return null;
    long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    long lo = ip & mask;
    return new long[] {lo, lo + (1L << (32 - prefix)) - 1};
  }
}
