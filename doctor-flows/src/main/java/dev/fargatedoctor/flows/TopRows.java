package dev.fargatedoctor.flows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * The first rows of a table in the SQL's order (largest count first, ties by key) without making
 * every row: a group whose count cannot reach the kept rows is skipped before its strings exist, so
 * a table of a quarter of a million groups costs the memory of the rows it keeps.
 */
final class TopRows<T> {
  private final int limit;
  private final Comparator<T> order;
  private final java.util.function.ToLongFunction<T> count;
  private final PriorityQueue<T> worstFirst;

  TopRows(int limit, Comparator<T> order, java.util.function.ToLongFunction<T> count) {
    this.limit = limit;
    this.order = order;
    this.count = count;
    this.worstFirst = new PriorityQueue<>(order.reversed());
  }

  /** Offers a group by its count; the row is made only when it may be kept. */
  void offer(long groupCount, Supplier<T> row) {
    if (worstFirst.size() >= limit && groupCount < count.applyAsLong(worstFirst.peek())) return;
    T r = row.get();
    if (worstFirst.size() < limit) {
      worstFirst.add(r);
    } else if (order.compare(r, worstFirst.peek()) < 0) {
      worstFirst.poll();
      worstFirst.add(r);
    }
  }

  List<T> rows() {
    List<T> out = new ArrayList<>(worstFirst);
    out.sort(order);
    return out;
  }
}
