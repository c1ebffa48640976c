package dev.fargatedoctor.check.network;

import java.util.Optional;

/**
 * An IPv4 block: an address and a prefix length, held as the first and last address of the range.
 */
public record Cidr(long first, int prefix) {
  public Cidr {
    if (prefix < 0 || prefix > 32)
      throw new IllegalArgumentException("prefix length out of range: " + prefix);
    first = first & mask(prefix);
  }

  /**
   * Parses {@code a.b.c.d/n}, or a bare address as a /32. Throws on anything else, IPv6 included.
   */
  public static Cidr parse(String text) {
    return tryParse(text)
        .orElseThrow(() -> new IllegalArgumentException("not an IPv4 address or CIDR: " + text));
  }

  /**
   * Like {@link #parse}, empty for null, IPv6 or malformed text (AWS lists IPv6 blocks beside IPv4
   * ones).
   */
  public static Optional<Cidr> tryParse(String text) {
    if (text == null) return Optional.empty();
    String s = text.trim();
    int slash = s.indexOf('/');
    int end = slash < 0 ? s.length() : slash;
    int prefix = 32;
    try {
      if (slash >= 0) prefix = Integer.parseInt(s.substring(slash + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (prefix < 0 || prefix > 32) return Optional.empty();
    // Four dot-separated groups of one to three digits, each at most 255; parsed by hand because
    // the engine parses every rule and route it meets.
    long value = 0;
    int octets = 0;
    int i = 0;
    while (true) {
      int n = 0;
      int digits = 0;
      while (i < end && s.charAt(i) != '.') {
        int d = Character.digit(s.charAt(i), 10);
        if (d < 0 || ++digits > 3) return Optional.empty();
        n = n * 10 + d;
        i++;
      }
      if (digits == 0 || n > 255) return Optional.empty();
      value = (value << 8) | n;
      octets++;
      if (i == end) break;
      i++; // the dot
      if (octets == 4) return Optional.empty();
    }
    if (octets != 4) return Optional.empty();
    return Optional.of(new Cidr(value, prefix));
  }

  private static long mask(int prefix) {
    return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
  }

  public long last() {
    return first + (1L << (32 - prefix)) - 1;
  }

  public boolean contains(Cidr other) {
    return other.first >= first && other.last() <= last();
  }

  public boolean overlaps(Cidr other) {
    return other.first <= last() && other.last() >= first;
  }

  @Override
  public String toString() {
    return ((first >> 24) & 255)
        + "."
        + ((first >> 16) & 255)
        + "."
        + ((first >> 8) & 255)
        + "."
        + (first & 255)
        + "/"
        + prefix;
  }

  /** The address alone, for a /32. */
  public String address() {
    return toString().substring(0, toString().indexOf('/'));
  }
}
