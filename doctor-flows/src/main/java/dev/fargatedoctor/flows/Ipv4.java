package dev.fargatedoctor.flows;

/** IPv4 addresses as unsigned 32-bit values in a long, parsed from bytes without allocating. */
final class Ipv4 {
  private Ipv4() {}

  /** The address, or -1 when the bytes are not a dotted-quad IPv4 address. */
  static long parse(byte[] b, int start, int end) {
    long value = 0;
    int octet = -1;
    int dots = 0;
    for (int i = start; i < end; i++) {
      int c = b[i];
      if (c >= '0' && c <= '9') {
        octet = (octet < 0 ? 0 : octet * 10) + (c - '0');
        if (octet > 255) return -1;
      } else if (c == '.' && octet >= 0 && dots < 3) {
        value = (value << 8) | octet;
        octet = -1;
        dots++;
      } else {
        return -1;
      }
    }
    if (dots != 3 || octet < 0) return -1;
    return (value << 8) | octet;
  }

  static long parse(String s) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return parse(b, 0, b.length);
  }

  static String format(long ip) {
    return ((ip >> 24) & 255)
        + "."
        + ((ip >> 16) & 255)
        + "."
        + ((ip >> 8) & 255)
        + "."
        + (ip & 255);
  }
}
