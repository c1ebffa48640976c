package dev.fargatedoctor.collect;

import java.util.function.LongSupplier;

/**
 * The token bucket AWS throttles with, kept on this side so calls stay under it: {@code capacity}
 * tokens at most, {@code perSecond} added back each second, one taken per request. A request that
 * finds none reserves the next one and is told how long to wait for it, so callers queue in order
 * and the time is injected (tests drive it without sleeping).
 */
final class TokenBucket {
  private final double capacity;
  private final double perNano;
  private final LongSupplier nanoTime;
  private double tokens;
  private long last;

  TokenBucket(double capacity, double perSecond, LongSupplier nanoTime) {
    if (capacity < 1 || perSecond <= 0) {
      throw new IllegalArgumentException("a bucket holds at least one token and refills");
    }
    this.capacity = capacity;
    this.perNano = perSecond / 1e9;
    this.nanoTime = nanoTime;
    this.tokens = capacity;
    this.last = nanoTime.getAsLong();
  }

  /** Takes one token; returns the nanoseconds to wait before using it (0 when one was there). */
  synchronized long take() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(capacity, tokens + (now - last) * perNano);
    last = now;
    tokens -= 1;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
  }
}
