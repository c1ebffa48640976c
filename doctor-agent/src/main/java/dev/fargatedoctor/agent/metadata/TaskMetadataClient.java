package dev.fargatedoctor.agent.metadata;

import dev.fargatedoctor.agent.json.Json;
import dev.fargatedoctor.agent.json.JsonException;
import dev.fargatedoctor.agent.json.JsonValues;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Client for the ECS task metadata endpoint v4 ({@code $ECS_CONTAINER_METADATA_URI_V4}).
 *
 * <p>{@code /task} is the only reliable source of the task's Availability Zone on Fargate (there is
 * no {@code AWS_AVAILABILITY_ZONE} variable). Error messages name the path ({@code /task}) but
 * never the base URI, which comes from the environment and must not be echoed.
 */
public final class TaskMetadataClient {

  static final int MAX_BODY = 8 * 1024 * 1024;

  private final String baseUri;
  private final Duration timeout;

  public TaskMetadataClient(String baseUri, Duration timeout) {
    if (baseUri == null || baseUri.isBlank()) {
      throw new IllegalArgumentException("no task metadata URI");
    }
    this.baseUri = baseUri.endsWith("/") ? baseUri.substring(0, baseUri.length() - 1) : baseUri;
    this.timeout = timeout;
  }

  public TaskMetadata task() throws IOException {
    return parseTask(get("/task"));
  }

  /**
   * Memory per DockerId; containers without stats (stopped, or started under a second ago) are left
   * out.
   */
  public Map<String, ContainerMemory> taskStats() throws IOException {
    return parseStats(get("/task/stats"));
  }

  private String get(String path) throws IOException {
    URL url;
    try {
      url = new URL(baseUri + path);
    } catch (MalformedURLException e) {
      throw new IOException("task metadata URI is not a valid URL (value not shown)");
    }
    HttpURLConnection connection;
    try {
      // The endpoint is link-local: never route it through a configured proxy.
      connection = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
    } catch (ClassCastException e) {
      throw new IOException("task metadata URI is not an http URL (value not shown)");
    }
    connection.setConnectTimeout((int) timeout.toMillis());
    connection.setReadTimeout((int) timeout.toMillis());
    connection.setRequestProperty("Accept", "application/json");
    try {
      int status = connection.getResponseCode();
      if (status != 200) {
        throw new IOException("task metadata " + path + " returned HTTP " + status);
      }
      try (InputStream in = connection.getInputStream()) {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
          throw new IOException(
              "task metadata " + path + " response larger than " + MAX_BODY + " bytes");
        }
        return new String(body, StandardCharsets.UTF_8);
      }
    } catch (java.net.SocketTimeoutException e) {
      throw new IOException(
          "task metadata " + path + " timed out after " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("task metadata ")) {
        throw e;
      }
      // Connection errors can carry the host and port in their message: replace it.
      throw new IOException(
          "task metadata " + path + " request failed: " + e.getClass().getSimpleName());
    } finally {
      // After a fully read body the connection is already back in the JDK's keep-alive cache,
      // so polling reuses one socket (tested) instead of leaving a TIME_WAIT per request.
      connection.disconnect();
    }
  }

  static TaskMetadata parseTask(String json) throws IOException {
    Map<String, Object> task;
    try {
      task = Json.parseObject(json);
    } catch (JsonException e) {
      throw new IOException("task metadata /task: malformed JSON: " + e.getMessage(), e);
    }
    Map<String, Object> limits = JsonValues.object(task, "Limits");
    List<TaskMetadata.Container> containers = new ArrayList<>();
    List<Object> list = JsonValues.array(task, "Containers");
    if (list != null) {
      for (Object item : list) {
        Map<String, Object> containerLimits = JsonValues.object(item, "Limits");
        Long memory = JsonValues.whole(containerLimits, "Memory");
        containers.add(
            new TaskMetadata.Container(
                JsonValues.string(item, "DockerId"),
                JsonValues.string(item, "Name"),
                JsonValues.string(item, "Image"),
                JsonValues.string(item, "KnownStatus"),
                JsonValues.whole(containerLimits, "CPU"),
                memory != null && memory > 0 ? memory : null));
      }
    }
    if (JsonValues.string(task, "TaskARN") == null) {
      throw new IOException("task metadata /task: no TaskARN in the response");
    }
    return new TaskMetadata(
        JsonValues.string(task, "Cluster"),
        JsonValues.string(task, "TaskARN"),
        JsonValues.string(task, "Family"),
        JsonValues.string(task, "Revision"),
        JsonValues.string(task, "DesiredStatus"),
        JsonValues.string(task, "KnownStatus"),
        JsonValues.string(task, "AvailabilityZone"),
        JsonValues.string(task, "LaunchType"),
        JsonValues.decimal(limits, "CPU"),
        JsonValues.whole(limits, "Memory"),
        Collections.unmodifiableList(containers));
  }

  static Map<String, ContainerMemory> parseStats(String json) throws IOException {
    Map<String, Object> byDockerId;
    try {
      byDockerId = Json.parseObject(json);
    } catch (JsonException e) {
      throw new IOException("task metadata /task/stats: malformed JSON: " + e.getMessage(), e);
    }
    Map<String, ContainerMemory> result = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : byDockerId.entrySet()) {
      Map<String, Object> memory = JsonValues.object(entry.getValue(), "memory_stats");
      Long usage = JsonValues.whole(memory, "usage");
      if (memory == null || usage == null) {
        continue; // null stats: the container is stopped or has not run for a second yet
      }
      Map<String, Object> stats = JsonValues.object(memory, "stats");
      Long inactive = JsonValues.whole(stats, "total_inactive_file");
      if (inactive == null) {
        inactive = JsonValues.whole(stats, "inactive_file");
      }
      result.put(
          entry.getKey(),
          new ContainerMemory(
              entry.getKey(),
              usage,
              orMinusOne(JsonValues.whole(memory, "max_usage")),
              orMinusOne(
                  firstNonNull(JsonValues.whole(stats, "rss"), JsonValues.whole(stats, "anon"))),
              orMinusOne(
                  firstNonNull(JsonValues.whole(stats, "cache"), JsonValues.whole(stats, "file"))),
              orMinusOne(inactive),
              orMinusOne(JsonValues.whole(memory, "limit")),
              orMinusOne(JsonValues.whole(stats, "hierarchical_memory_limit"))));
    }
    return Collections.unmodifiableMap(result);
  }

  private static Long firstNonNull(Long a, Long b) {
    return a != null ? a : b;
  }

  private static long orMinusOne(Long value) {
    return value == null ? -1 : value;
  }
}
