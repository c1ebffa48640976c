package dev.fargatedoctor.snapshot;

import java.util.List;

/** Null-tolerant list copies: AWS omits empty lists, and a snapshot must never hold null lists. */
public final class Lists {
  private Lists() {}

  public static <T> List<T> of(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
