package dev.fargatedoctor.flows;

/**
 * A bounded hash table from a three-long key to a row of long counters, in flat arrays: the
 * analyses' GROUP BY, with no object per group or per record. Past {@code maxGroups} new keys are
 * refused (the caller counts them as overflow) so memory stays bounded whatever the volume.
 */
final class GroupTable {
  private final int width;
  private final int maxGroups;
  private long[] keys; // 3 per slot
  private long[] values; // width per slot
  private boolean[] used;
  private int size;
  private boolean created;

  GroupTable(int width, int maxGroups) {
    this.width = width;
    this.maxGroups = maxGroups;
    allocate(1 << 10);
  }

  private void allocate(int capacity) {
    keys = new long[capacity * 3];
    values = new long[capacity * width];
    used = new boolean[capacity];
  }

  int size() {
    return size;
  }

  int width() {
    return width;
  }

  /**
   * The slot of a key, created (with zero counters) when new; -1 when the table is full. {@link
   * #created()} says whether this call created it.
   */
  int slot(long a, long b, long c) {
    int mask = used.length - 1;
    int i = mix(a, b, c) & mask;
    while (used[i]) {
      int k = i * 3;
      if (keys[k] == a && keys[k + 1] == b && keys[k + 2] == c) {
        created = false;
        return i;
      }
      i = (i + 1) & mask;
    }
    if (size >= maxGroups) return -1;
    used[i] = true;
    keys[i * 3] = a;
    keys[i * 3 + 1] = b;
    keys[i * 3 + 2] = c;
    size++;
    created = true;
    if (size * 2 > used.length) i = rehash(a, b, c);
    return i;
  }

  boolean created() {
    return created;
  }

  long[] values() {
    return values;
  }

  private int rehash(long a, long b, long c) {
    long[] oldKeys = keys;
    long[] oldValues = values;
    boolean[] oldUsed = used;
    allocate(used.length * 2);
    int mask = used.length - 1;
    int found = -1;
    for (int s = 0; s < oldUsed.length; s++) {
      if (!oldUsed[s]) continue;
      long ka = oldKeys[s * 3];
      long kb = oldKeys[s * 3 + 1];
      long kc = oldKeys[s * 3 + 2];
      int i = mix(ka, kb, kc) & mask;
      while (used[i]) i = (i + 1) & mask;
      used[i] = true;
      System.arraycopy(oldKeys, s * 3, keys, i * 3, 3);
      System.arraycopy(oldValues, s * width, values, i * width, width);
      if (ka == a && kb == b && kc == c) found = i;
    }
    return found;
  }

  /** Visits every group: its slot, for {@link #key} and {@link #values}. */
  void forEach(java.util.function.IntConsumer visitor) {
    for (int s = 0; s < used.length; s++) if (used[s]) visitor.accept(s);
  }

  long key(int slot, int part) {
    return keys[slot * 3 + part];
  }

  private static int mix(long a, long b, long c) {
    long h = a * 0x9E3779B97F4A7C15L;
    h = (h ^ (h >>> 29) ^ b) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 31) ^ c) * 0x94D049BB133111EBL;
    return (int) (h ^ (h >>> 32));
  }
}
