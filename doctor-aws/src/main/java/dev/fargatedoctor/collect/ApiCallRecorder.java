package dev.fargatedoctor.collect;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every operation the SDK executes, with calls and HTTP attempts. This is how a test proves
 * a scan only reads, how the benchmark counts calls, and how coverage learns about retries.
 */
public final class ApiCallRecorder implements ExecutionInterceptor {
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  // {calls, attempts} made on this thread: a sync client runs a call, its retries and its
  // paginator's pages on the caller's thread, so a collection step counts its own.
  private final ThreadLocal<long[]> onThisThread = ThreadLocal.withInitial(() -> new long[2]);

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    calls.computeIfAbsent(key(attributes), k -> new AtomicInteger()).incrementAndGet();
    onThisThread.get()[0]++;
  }

  // Once per HTTP attempt, a retry after a timed-out attempt included.
  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    attempts.computeIfAbsent(key(attributes), k -> new AtomicInteger()).incrementAndGet();
    onThisThread.get()[1]++;
  }

  /**
   * A call made outside the SDK's clients (a request signed here, for an API without an SDK module
   * in the build), counted as the clients' calls are, by its IAM action.
   */
  public void signedCall(String action) {
    calls.computeIfAbsent(action, k -> new AtomicInteger()).incrementAndGet();
    onThisThread.get()[0]++;
  }

  /** One HTTP attempt of a {@link #signedCall}, retries included. */
  public void signedAttempt(String action) {
    attempts.computeIfAbsent(action, k -> new AtomicInteger()).incrementAndGet();
    onThisThread.get()[1]++;
  }

  /** Counts what the current thread calls from now on: one collection step's calls and retries. */
  Scope scope() {
    long[] counters = onThisThread.get();
    return new Scope(counters, counters[0], counters[1]);
  }

  /** The calls and attempts of one step, as counted since {@link #scope()}. */
  static final class Scope {
    private final long[] counters;
    private final long calls;
    private final long attempts;

    private Scope(long[] counters, long calls, long attempts) {
      this.counters = counters;
      this.calls = calls;
      this.attempts = attempts;
    }

    int calls() {
      return (int) (counters[0] - calls);
    }

    /** Attempts beyond the first of each call: throttling, 5xx and timed-out attempts retried. */
    int retries() {
      return (int) Math.max(0, (counters[1] - attempts) - calls());
    }
  }

  private static String key(ExecutionAttributes attributes) {
    String prefix = iamPrefix(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
    return prefix
        + ":"
        + iamAction(prefix, attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
  }

  /** The IAM action an operation needs, where its name differs (S3's ListObjectsV2). */
  static String iamAction(String prefix, String operation) {
    if (prefix.equals("s3") && operation.startsWith("ListObjects")) return "ListBucket";
    return operation;
  }

  /**
   * The IAM action prefix of an SDK service name ("EC2" -> "ec2", "ServiceQuotas" ->
   * "servicequotas").
   */
  static String iamPrefix(String serviceName) {
    return switch (serviceName) {
      case "ElasticLoadBalancingV2", "Elastic Load Balancing v2" -> "elasticloadbalancing";
      case "CloudWatch Logs", "CloudWatchLogs" -> "logs";
      default -> serviceName.toLowerCase(java.util.Locale.ROOT).replace(" ", "");
    };
  }

  /** IAM actions called (e.g. {@code ec2:DescribeSubnets}) with the number of calls, sorted. */
  public Map<String, Integer> calls() {
    Map<String, Integer> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public Set<String> actions() {
    return calls().keySet();
  }

  /** Attempts beyond the first, per action: throttling, 5xx and timeouts that were retried. */
  public int retries(String action) {
    AtomicInteger a = attempts.get(action);
    AtomicInteger c = calls.get(action);
    return a == null || c == null ? 0 : Math.max(0, a.get() - c.get());
  }

  public int totalCalls() {
    return calls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** The region an attribute set belongs to, for callers that want it. */
  static String region(ExecutionAttributes attributes) {
    var r = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
    return r == null ? null : r.id();
  }
}
