package dev.fargatedoctor.check.network;

/** A TCP port range, inclusive. */
public record Ports(int from, int to) {
  /**
   * The range return traffic may arrive on. Clients pick their ephemeral port from an OS-specific
   * range (Linux 32768-60999) and a NAT gateway translates to 1024-65535, so AWS's guidance for
   * network ACLs is to open 1024-65535 for return traffic.
   */
  public static final Ports EPHEMERAL = new Ports(1024, 65535);

  public static final Ports ALL = new Ports(0, 65535);

  public Ports {
    if (from > to) throw new IllegalArgumentException("empty port range " + from + "-" + to);
  }

  public static Ports single(int port) {
    return new Ports(port, port);
  }

  /** How much of this range a rule's range covers. */
  public Match matchedBy(int ruleFrom, int ruleTo) {
    if (ruleTo < from || ruleFrom > to) return Match.NONE;
    return ruleFrom <= from && ruleTo >= to ? Match.FULL : Match.PARTIAL;
  }

  @Override
  public String toString() {
    return from == to ? Integer.toString(from) : from + "-" + to;
  }
}
