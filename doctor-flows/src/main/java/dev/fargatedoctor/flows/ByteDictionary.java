package dev.fargatedoctor.flows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns byte strings (interface ids, service names, IPv6 addresses) as small ints, looked up
 * straight from the line buffer: a record's fields become numbers without a String per record.
 */
final class ByteDictionary {
  private int[] slots = new int[1024]; // id + 1; 0 is empty
  private int[] hashes = new int[1024];
  private byte[][] values = new byte[256][];
  private int size;

  int size() {
    return size;
  }

  /** The id of these bytes, adding them when new. */
  int id(byte[] b, int start, int end) {
    int h = hash(b, start, end);
    int mask = slots.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int s = slots[i];
      if (s == 0) return add(b, start, end, h, i);
      if (hashes[i] == h && same(values[s - 1], b, start, end)) return s - 1;
    }
  }

  private int add(byte[] b, int start, int end, int h, int slot) {
    if (size == values.length) values = Arrays.copyOf(values, size * 2);
    values[size] = Arrays.copyOfRange(b, start, end);
    slots[slot] = ++size;
    hashes[slot] = h;
    if (size * 2 > slots.length) grow();
    return size - 1;
  }

  private void grow() {
    int[] newSlots = new int[slots.length * 2];
    int[] newHashes = new int[slots.length * 2];
    int mask = newSlots.length - 1;
    for (int i = 0; i < slots.length; i++) {
      if (slots[i] == 0) continue;
      int j = hashes[i] & mask;
      while (newSlots[j] != 0) j = (j + 1) & mask;
      newSlots[j] = slots[i];
      newHashes[j] = hashes[i];
    }
    slots = newSlots;
    hashes = newHashes;
  }

  String text(int id) {
    return new String(values[id], StandardCharsets.UTF_8);
  }

  byte[] bytes(int id) {
    return values[id];
  }

  private static boolean same(byte[] v, byte[] b, int start, int end) {
    return Arrays.equals(v, 0, v.length, b, start, end);
  }

  private static int hash(byte[] b, int start, int end) {
    int h = 1;
    for (int i = start; i < end; i++) h = 31 * h + b[i];
    return h ^ (h >>> 16);
  }
}
