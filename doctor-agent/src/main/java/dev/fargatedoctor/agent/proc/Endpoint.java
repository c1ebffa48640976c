package dev.fargatedoctor.agent.proc;

/**
 * An IP address and port, kept as two longs so that 10,000 sockets cost no per-address arrays.
 *
 * <p>IPv4 addresses (and IPv4-mapped IPv6 addresses such as {@code ::ffff:10.0.0.5}, which is how
 * dual-stack JVM sockets appear in /proc/net/tcp6) are normalised to IPv4, so one remote service
 * groups as one endpoint whichever socket family the client used. For IPv4, {@code lo} holds the
 * address in network order in its low 32 bits; for IPv6, {@code hi}/{@code lo} hold bytes 0-7/8-15.
 */
public record Endpoint(boolean ipv6, long hi, long lo, int port) {

  public static Endpoint ipv4(int address, int port) {
    return new Endpoint(false, 0, address & 0xFFFFFFFFL, port);
  }

  public static Endpoint ipv6(long hi, long lo, int port) {
    if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
      return ipv4((int) lo, port);
    }
    return new Endpoint(true, hi, lo, port);
  }

  /** Parses a literal such as {@code 10.0.0.5} or {@code ::1}; for tests and configuration. */
  public static Endpoint of(String address, int port) {
    // Checked first so that a host name never triggers a DNS look-up.
    boolean ipv4Literal = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean ipv6Literal = address.contains(":") && address.matches("[0-9A-Fa-f:.\\[\\]]+");
    if (!ipv4Literal && !ipv6Literal) {
      throw new IllegalArgumentException("not an IP literal: " + address);
    }
    try {
      byte[] b = java.net.InetAddress.getByName(address).getAddress();
      if (b.length == 4) {
        return ipv4(
            ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF),
            port);
      }
      long hi = 0;
      long lo = 0;
      for (int i = 0; i < 8; i++) {
        hi = (hi << 8) | (b[i] & 0xFF);
        lo = (lo << 8) | (b[i + 8] & 0xFF);
      }
      return ipv6(hi, lo, port);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal: " + address, e);
    }
  }

  public boolean isWildcard() {
    return hi == 0 && lo == 0;
  }

  public boolean isLoopback() {
    return ipv6 ? hi == 0 && lo == 1 : (lo >>> 24) == 127;
  }

  /** The address without the port: {@code 10.0.0.5} or {@code fd00::2}. */
  public String address() {
    if (!ipv6) {
      return ((lo >>> 24) & 0xFF)
          + "."
          + ((lo >>> 16) & 0xFF)
          + "."
          + ((lo >>> 8) & 0xFF)
          + "."
          + (lo & 0xFF);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 4; i++) {
      groups[i] = (int) ((hi >>> (48 - 16 * i)) & 0xFFFF);
      groups[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xFFFF);
    }
    // RFC 5952: compress the longest run (>= 2) of zero groups, leftmost on ties.
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLen && j - i >= 2) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return ipv6 ? "[" + address() + "]:" + port : address() + ":" + port;
  }
}
