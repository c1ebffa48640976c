package dev.fargatedoctor.flows;

/**
 * A bounded hash table from a three-long key to a row of long counters: the analyses' GROUP BY,
 * with no object per group or per record. Keys, counters and a bound sit side by side in one array
 * (one cache miss per lookup, not three).
 *
 * <p>When a new key finds the table full, the smaller half of the groups (by the ranking counter)
 * is dropped to make room, lossy-counting style: every group carries a bound, the most its ranking
 * counter may be short because an earlier incarnation of it was dropped, and a group is dropped
 * only when counter plus bound is at most the threshold. So a heavy group that arrives after the
 * table filled is still kept and ranked, any group's true count lies in [counter, counter + bound],
 * and an absent group's is at most {@link #floor}. Memory stays bounded whatever the volume.
 */
final class GroupTable {
  private static final long EMPTY = Long.MIN_VALUE;
  private static final int BUCKETS = 64 * 8;

  private final int width;
  private final int stride;
  private final int rank;
  private final int records;
  private int maxGroups;
  private long[] data; // per slot: 3 keys, width counters, bound
  private int mask;
  private int size;
  private boolean created;
  private long floor;
  private long droppedRecords;
  private int[] histogram;

  /**
   * @param width counters per group
   * @param rank the counter that ranks groups (the one the results sort by)
   * @param records the counter of records, for counting what was dropped
   */
  GroupTable(int width, int rank, int records, int maxGroups) {
    this.width = width;
    this.stride = width + 4;
    this.rank = rank;
    this.records = records;
    this.maxGroups = maxGroups;
    allocate(1 << 10);
  }

  private void allocate(int capacity) {
    data = new long[capacity * stride];
    for (int i = 0; i < data.length; i += stride) data[i] = EMPTY;
    mask = capacity - 1;
  }

  int size() {
    return size;
  }

  /**
   * The position of a group's first counter in {@link #values}, found or created (zero counters,
   * dropping the smallest groups first when the table is full); {@link #created()} says which. A
   * key's first part cannot be {@code Long.MIN_VALUE}: it marks an empty slot.
   */
  int slot(long a, long b, long c) {
    int i = mix(a, b, c) & mask;
    long[] d = data;
    while (true) {
      int k = i * stride;
      long ka = d[k];
      if (ka == EMPTY) break;
      if (ka == a && d[k + 1] == b && d[k + 2] == c) {
        created = false;
        return k + 3;
      }
      i = (i + 1) & mask;
    }
    if (size >= maxGroups) {
      dropSmallest();
      return slot(a, b, c);
    }
    int k = i * stride;
    d[k] = a;
    d[k + 1] = b;
    d[k + 2] = c;
    for (int v = k + 3; v < k + 3 + width; v++) d[v] = 0; // a dropped group's counters linger
    d[k + 3 + width] = floor;
    size++;
    created = true;
    if (size * 2 > mask + 1) return grow(a, b, c);
    return k + 3;
  }

  /** Reads the key's home slot so that a {@link #slot} call a little later finds it in cache. */
  long touch(long a, long b, long c) {
    return data[(mix(a, b, c) & mask) * stride];
  }

  /** Whether the last {@link #slot} call created its group. */
  boolean created() {
    return created;
  }

  long[] values() {
    return data;
  }

  /** How much a group's ranking counter may be short: 0 when it is exact. */
  long bound(int base) {
    return data[base + width];
  }

  void bound(int base, long value) {
    data[base + width] = value;
  }

  /** The most any group absent from the table can have had: 0 while nothing was dropped. */
  long floor() {
    return floor;
  }

  /** Records of the groups dropped to make room. */
  long droppedRecords() {
    return droppedRecords;
  }

  void addDropped(long records) {
    droppedRecords += records;
  }

  /** Lets the table hold more groups (merging two bounded tables into one of both sizes). */
  void allow(int groups) {
    maxGroups = Math.max(maxGroups, groups);
  }

  /** Adds to every group's bound: what each may have lost in a table merged into this one. */
  void addToBounds(long extra) {
    if (extra == 0) return;
    for (int k = 0; k < data.length; k += stride)
      if (data[k] != EMPTY) data[k + 3 + width] += extra;
  }

  /** Raises the floor: groups absent from another table merged in may have had this much there. */
  void addToFloor(long extra) {
    floor += extra;
  }

  private int grow(long a, long b, long c) {
    long[] old = data;
    allocate((mask + 1) * 2);
    int found = -1;
    for (int k = 0; k < old.length; k += stride) {
      if (old[k] == EMPTY) continue;
      int i = mix(old[k], old[k + 1], old[k + 2]) & mask;
      while (data[i * stride] != EMPTY) i = (i + 1) & mask;
      System.arraycopy(old, k, data, i * stride, stride);
      if (old[k] == a && old[k + 1] == b && old[k + 2] == c) found = i * stride + 3;
    }
    return found;
  }

  // Drops every group whose counter plus bound is at most a threshold that takes at least half of
  // them, found from a histogram of those values (log buckets): O(groups), nothing allocated. The
  // threshold depends only on the groups, not on their order, so the result is deterministic.
  private void dropSmallest() {
    if (histogram == null) histogram = new int[BUCKETS];
    java.util.Arrays.fill(histogram, 0);
    for (int k = 0; k < data.length; k += stride) {
      if (data[k] != EMPTY) histogram[bucket(data[k + 3 + rank] + data[k + 3 + width])]++;
    }
    int need = (size + 1) / 2;
    int b = 0;
    for (int seen = 0; b < BUCKETS; b++) {
      seen += histogram[b];
      if (seen >= need) break;
    }
    long threshold = upper(b);
    // Backward-shift deletion (Knuth's algorithm R), walking the table once from an empty slot so
    // that no probe run wraps past where the walk started.
    int start = 0;
    while (data[start * stride] != EMPTY) start++;
    int i = (start + 1) & mask;
    int visited = 0;
    while (visited < mask) {
      int k = i * stride;
      if (data[k] != EMPTY && data[k + 3 + rank] + data[k + 3 + width] <= threshold) {
        droppedRecords += data[k + 3 + records];
        size--;
        remove(i);
        continue; // a later group may have moved into this slot
      }
      i = (i + 1) & mask;
      visited++;
    }
    floor = Math.max(floor, threshold);
  }

  private void remove(int hole) {
    long[] d = data;
    d[hole * stride] = EMPTY;
    int j = hole;
    while (true) {
      j = (j + 1) & mask;
      int k = j * stride;
      if (d[k] == EMPTY) return;
      int home = mix(d[k], d[k + 1], d[k + 2]) & mask;
      // The group at j may move into the hole unless its home lies cyclically in (hole, j].
      boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (stays) continue;
      System.arraycopy(d, k, d, hole * stride, stride);
      d[k] = EMPTY;
      hole = j;
    }
  }

  // Log-linear buckets: 8 per power of two, so a threshold is within an eighth of the median.
  static int bucket(long v) {
    if (v < 8) return (int) Math.max(v, 0);
    int exp = 63 - Long.numberOfLeadingZeros(v);
    return Math.min(BUCKETS - 1, (exp - 2) * 8 + (int) ((v >>> (exp - 3)) & 7));
  }

  static long upper(int bucket) {
    if (bucket < 8) return bucket;
    if (bucket == BUCKETS - 1) return Long.MAX_VALUE;
    int exp = bucket / 8 + 2;
    long mantissa = 8L + bucket % 8;
    return ((mantissa + 1) << (exp - 3)) - 1;
  }

  /** Visits every group by the position of its first counter, for {@link #key} and values. */
  void forEach(java.util.function.IntConsumer visitor) {
    for (int k = 0; k < data.length; k += stride) if (data[k] != EMPTY) visitor.accept(k + 3);
  }

  long key(int base, int part) {
    return data[base - 3 + part];
  }

  private static int mix(long a, long b, long c) {
    long h = a * 0x9E3779B97F4A7C15L;
    h = (h ^ (h >>> 29) ^ b) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 31) ^ c) * 0x94D049BB133111EBL;
    return (int) (h ^ (h >>> 32));
  }
}
