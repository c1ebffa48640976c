package dev.fargatedoctor.check.network;

import java.util.List;

/**
 * The addresses at one end of a path: known ranges (an IP, a subnet, a prefix list's CIDRs), or
 * "any public address" when AWS does not say which (the internet, a service's public endpoint, a
 * prefix list whose CIDRs were not collected). A rule matches all, part or none of them.
 */
final class Addresses {
  private static final List<Cidr> NOT_PUBLIC =
      List.of(
          Cidr.parse("0.0.0.0/8"),
          Cidr.parse("10.0.0.0/8"),
          Cidr.parse("100.64.0.0/10"),
          Cidr.parse("127.0.0.0/8"),
          Cidr.parse("169.254.0.0/16"),
          Cidr.parse("172.16.0.0/12"),
          Cidr.parse("192.168.0.0/16"),
          Cidr.parse("224.0.0.0/3"));
  public static final Cidr ANYWHERE = Cidr.parse("0.0.0.0/0");

  private final String label;
  private final List<Cidr> ranges; // empty: any public address
  private final String prefixListId;

  private Addresses(String label, List<Cidr> ranges, String prefixListId) {
    this.label = label;
    this.ranges = List.copyOf(ranges);
    this.prefixListId = prefixListId;
  }

  public static Addresses of(Cidr cidr) {
    return new Addresses(
        cidr.prefix() == 32 ? cidr.address() : cidr.toString(), List.of(cidr), null);
  }

  /** Several known ranges under one name, e.g. an endpoint's interfaces. */
  public static Addresses ranges(String label, List<Cidr> cidrs) {
    return new Addresses(label, cidrs, null);
  }

  public static Addresses publicInternet(String label) {
    return new Addresses(label, List.of(), null);
  }

  /** A prefix list; with no CIDRs known, it stands for some public addresses. */
  public static Addresses prefixList(String id, String name, List<Cidr> cidrs) {
    return new Addresses(id + (name == null ? "" : " (" + name + ")"), cidrs, id);
  }

  public String label() {
    return label;
  }

  public List<Cidr> ranges() {
    return ranges;
  }

  public boolean isPublicUnknown() {
    return ranges.isEmpty();
  }

  public String prefixListId() {
    return prefixListId;
  }

  /**
   * True when every address is private (RFC 1918 and the like): never reached through an internet
   * gateway.
   */
  public boolean isPrivate() {
    return !ranges.isEmpty()
        && ranges.stream().allMatch(r -> NOT_PUBLIC.stream().anyMatch(p -> p.contains(r)));
  }

  /** How much of these addresses a rule's or route's CIDR covers. */
  public Match matchedBy(Cidr rule) {
    if (ranges.isEmpty()) {
      if (rule.prefix() == 0) return Match.FULL;
      return NOT_PUBLIC.stream().anyMatch(p -> p.contains(rule)) ? Match.NONE : Match.PARTIAL;
    }
    boolean all = ranges.stream().allMatch(rule::contains);
    if (all) return Match.FULL;
    return ranges.stream().anyMatch(rule::overlaps) ? Match.PARTIAL : Match.NONE;
  }

  /** A rule or route naming a prefix list matches when it is this one. */
  public Match matchedByPrefixList(String id) {
    return prefixListId != null && prefixListId.equals(id) ? Match.FULL : Match.NONE;
  }

  /** The most specific prefix that still holds every address: how a prefix-list route ranks. */
  int specificity() {
    return ranges.stream().mapToInt(Cidr::prefix).min().orElse(1);
  }

  // Value semantics, so the engine can reuse a decision made for the same addresses.
  @Override
  public boolean equals(Object o) {
    return o instanceof Addresses a
        && label.equals(a.label)
        && ranges.equals(a.ranges)
        && java.util.Objects.equals(prefixListId, a.prefixListId);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(label, ranges, prefixListId);
  }

  @Override
  public String toString() {
    return label;
  }
}
