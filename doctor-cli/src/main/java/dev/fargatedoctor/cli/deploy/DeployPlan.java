package dev.fargatedoctor.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a deployment of Fargate Doctor in the account runs: a scheduled scan, a watch service, or
 * both, and the few choices they need. The stack's own resources (bucket, roles, cluster) are the
 * renderers' business; this says what runs and what it may do.
 *
 * @param name prefix of the stack's names (cluster, log group, task families)
 * @param scan run `scan` on a schedule, its report put into the stack's bucket
 * @param watch run `watch` as a one-task service, its state in the bucket, its metrics published
 * @param schedule EventBridge Scheduler expression of the scan, e.g. rate(1 hour)
 * @param interval watch's --interval
 * @param reportFormat the scan's --output (its report is reports/latest.EXT)
 * @param reportExtension the file extension of that format
 * @param clusters --cluster values both pass on (empty: every cluster)
 */
public record DeployPlan(
    String name,
    boolean scan,
    boolean watch,
    String schedule,
    String interval,
    String reportFormat,
    String reportExtension,
    List<String> clusters) {

  static final String REPORTS = "reports";
  static final String STATE = "watch";

  /** The read-only scan's policy, exactly docs/iam-policy.json. */
  static JsonNode readOnlyPolicy() {
    return policy("iam-policy.json");
  }

  /** watch --publish cloudwatch's policy, exactly docs/iam-policy-watch-publish.json. */
  static JsonNode publishPolicy() {
    return policy("iam-policy-watch-publish.json");
  }

  private static JsonNode policy(String file) {
    try (InputStream in = DeployPlan.class.getResourceAsStream(file)) {
      if (in == null) throw new IllegalStateException(file + " is not on the classpath");
      return SnapshotJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The scan's arguments; {@code region} and {@code bucket} are the renderer's references to the
   * stack's region and bucket name.
   */
  List<String> scanCommand(String region, String bucket) {
    List<String> c = new ArrayList<>(List.of("scan", "--region", region));
    clusters.forEach(cl -> c.addAll(List.of("--cluster", cl)));
    c.addAll(List.of("--output", reportFormat, "--report-s3", "s3://" + bucket + "/" + REPORTS));
    return c;
  }

  List<String> watchCommand(String region, String bucket) {
    List<String> c = new ArrayList<>(List.of("watch", "--region", region));
    clusters.forEach(cl -> c.addAll(List.of("--cluster", cl)));
    c.addAll(
        List.of(
            "--interval",
            interval,
            "--state-s3",
            "s3://" + bucket + "/" + STATE,
            "--publish",
            "cloudwatch"));
    return c;
  }

  /**
   * The JVM's heap as a share of the task's memory, in the variable every JVM reads itself, so it
   * holds for the Jib image (java as entry point) and the Dockerfile's (the launcher) alike.
   */
  static final String JAVA_TOOL_OPTIONS = "-XX:MaxRAMPercentage=75";
}
