package dev.fargatedoctor.collect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Paces the calls of one account (one {@link AwsClients}) to the rates AWS publishes ({@link
 * PublishedLimit}): one token bucket per Region and API family, shared by every thread collecting
 * that account. AWS's limits are per account and Region, so accounts scanned at once do not share
 * buckets. Each HTTP attempt takes a token, retries included, since AWS counts those too; the wait
 * happens on the calling thread, before the request goes out.
 */
final class ApiPacing implements ExecutionInterceptor {
  /** Waits, in nanoseconds; the real one sleeps. */
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;

  ApiPacing() {
    this(System::nanoTime, TimeUnit.NANOSECONDS::sleep);
  }

  ApiPacing(LongSupplier nanoTime, Sleeper sleeper) {
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    pace(
        ApiCallRecorder.iamPrefix(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)),
        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
        ApiCallRecorder.region(attributes));
  }

  /** Waits until a call of {@code service:operation} in {@code region} may go out. */
  void pace(String service, String operation, String region) {
    PublishedLimit limit = PublishedLimit.of(service, operation);
    if (limit == null) return;
    TokenBucket bucket =
        buckets.computeIfAbsent(
            region + "/" + limit.bucket(operation),
            k -> new TokenBucket(limit.burst(), limit.perSecond(), nanoTime));
    long wait = bucket.take();
    if (wait <= 0) return;
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw AbortedException.create("interrupted while pacing " + service + ":" + operation, e);
    }
  }
}
