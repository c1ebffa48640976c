package dev.fargatedoctor.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bounded group table keeps heavy groups whenever they arrive, and says how exact it is. */
class GroupTableTest {
  private static final int COUNT = 0;

  private static void add(GroupTable t, long key, long n) {
    int o = t.slot(key, key * 7, 3);
    t.values()[o + COUNT] += n;
  }

  @Test
  void theHeaviestGroupArrivingAfterTheTableFilledIsKeptAndRankedFirst() {
    GroupTable t = new GroupTable(1, COUNT, COUNT, 1_000);
    for (long k = 0; k < 50_000; k++) add(t, k, 1 + k % 3); // light groups, many times the cap
    for (int i = 0; i < 2_000; i++) add(t, 1_000_000, 1); // the heavy one, last
    long[] top = {-1, -1, -1};
    t.forEach(
        o -> {
          long v = t.values()[o + COUNT];
          if (v > top[1]) {
            top[0] = t.key(o, 0);
            top[1] = v;
            top[2] = t.bound(o);
          }
        });
    assertThat(top[0]).isEqualTo(1_000_000);
    assertThat(top[1]).isEqualTo(2_000); // it arrived after the last drop: counted exactly
    assertThat(top[2]).isEqualTo(t.floor()).isPositive(); // but the table cannot know that
    assertThat(t.size()).isLessThanOrEqualTo(1_000);
    assertThat(t.droppedRecords()).isPositive();
  }

  @Test
  void everyCountLiesWithinItsBoundAndEveryDroppedGroupUnderTheFloor() {
    GroupTable t = new GroupTable(1, COUNT, COUNT, 500);
    Map<Long, Long> truth = new HashMap<>();
    Random r = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      // Zipf-like: a few keys very often, most rarely, in random order.
      long key = (long) Math.floor(Math.pow(r.nextDouble(), 4) * 20_000);
      add(t, key, 1);
      truth.merge(key, 1L, Long::sum);
    }
    Set<Long> present = new HashSet<>();
    t.forEach(
        o -> {
          long key = t.key(o, 0);
          present.add(key);
          long v = t.values()[o + COUNT];
          assertThat(truth.get(key)).isBetween(v, v + t.bound(o));
        });
    for (Map.Entry<Long, Long> e : truth.entrySet()) {
      if (!present.contains(e.getKey())) assertThat(e.getValue()).isLessThanOrEqualTo(t.floor());
    }
    // Every group the walk saw is still found by its key: drops never break a probe run.
    for (long key : present) {
      t.slot(key, key * 7, 3);
      assertThat(t.created()).isFalse();
    }
    assertThat(present).hasSize(t.size()).contains(0L, 1L, 2L);
  }

  @Test
  void withoutDropsEveryCountIsExactAndUnbounded() {
    GroupTable t = new GroupTable(1, COUNT, COUNT, 100_000);
    for (long k = 0; k < 10_000; k++) add(t, k % 2_500, 1);
    t.forEach(
        o -> {
          assertThat(t.values()[o + COUNT]).isEqualTo(4);
          assertThat(t.bound(o)).isZero();
        });
    assertThat(t.size()).isEqualTo(2_500);
    assertThat(t.floor()).isZero();
  }

  @Test
  void bucketsCoverEveryValueAndTheirUpperEndsAreInside() {
    for (long v : new long[] {0, 1, 7, 8, 9, 15, 16, 17, 100, 1_000_003, Long.MAX_VALUE / 3}) {
      int b = GroupTable.bucket(v);
      assertThat(GroupTable.upper(b)).isGreaterThanOrEqualTo(v);
      if (b > 0) assertThat(GroupTable.upper(b - 1)).isLessThan(v);
    }
  }
}
