package dev.fargatedoctor.check.ecs;

import dev.fargatedoctor.check.AwsCommand;
import dev.fargatedoctor.check.Fact;
import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.snapshot.Arns;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The region's stopped tasks, by the service (or task group) they belong to, each with its cause
 * and a signature that groups tasks that stopped the same way: stop code, stopped reason, and each
 * container's reason and exit code. Addresses and ids inside messages are masked so a hundred tasks
 * that timed out against a hundred ECR addresses count as one way of stopping.
 */
final class StoppedTasks {
  private static final Pattern ADDRESS = Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?\\b");
  private static final Pattern HEX_ID = Pattern.compile("\\b[0-9a-f]{32}\\b");

  /** Tasks of one owner that stopped for one cause, grouped by signature. */
  record Group(
      String owner,
      String clusterName,
      Optional<Service> service,
      Cause cause,
      List<Task> tasks,
      Map<String, Integer> signatures) {
    Instant lastStop() {
      return tasks.stream()
          .map(t -> t.stoppedAt() == null ? Instant.EPOCH : t.stoppedAt())
          .max(Comparator.naturalOrder())
          .orElse(Instant.EPOCH);
    }

    Instant firstStop() {
      return tasks.stream()
          .map(t -> t.stoppedAt() == null ? Instant.EPOCH : t.stoppedAt())
          .min(Comparator.naturalOrder())
          .orElse(Instant.EPOCH);
    }

    /** How the newest task of the group reads: the message behind the cause. */
    StopReasonCatalogue.TaskReading latestReading() {
      return StopReasonCatalogue.read(latest());
    }

    /** The cause's fix, filled from the ids of the group's service and newest task. */
    Map<String, String> fixValues(RegionView region) {
      StopReasonCatalogue.TaskReading r = latestReading();
      return FixValues.forTask(region, service, latest(), r.container(), r.message());
    }

    Task latest() {
      return tasks.stream()
          .max(Comparator.comparing(t -> t.stoppedAt() == null ? Instant.EPOCH : t.stoppedAt()))
          .orElseThrow();
    }

    Resource resource() {
      return service
          .map(Resource::service)
          .orElse(Resource.of("task-group", clusterName + "/" + owner));
    }

    List<Fact> signatureLines() {
      return signatures.entrySet().stream()
          .map(
              e ->
                  Fact.line(
                      e.getValue() + " × " + e.getKey(),
                      "tasks",
                      e.getValue(),
                      "signature",
                      e.getKey()))
          .toList();
    }

    /** The command that shows the latest task's stop in full. */
    String describeCommand(String region) {
      return AwsCommand.of("ecs", "describe-tasks")
          .opt("--cluster", clusterName)
          .opt("--tasks", latest().taskArn())
          .opt(
              "--query",
              "tasks[0].{stopCode:stopCode,stoppedReason:stoppedReason,"
                  + "containers:containers[].{name:name,reason:reason,exitCode:exitCode}}")
          .region(region);
    }
  }

  private StoppedTasks() {}

  static List<Group> groups(RegionView region) {
    Map<String, Map<Cause, List<Task>>> byOwner = new LinkedHashMap<>();
    List<Task> stopped =
        region.data().ecs().tasks().stream()
            .filter(Task::isStopped)
            .sorted(
                Comparator.comparing(
                        (Task t) -> t.stoppedAt() == null ? Instant.EPOCH : t.stoppedAt())
                    .reversed())
            .toList();
    for (Task t : stopped) {
      String owner = t.serviceName().orElse(t.group() == null ? "standalone" : t.group());
      String key = Arns.lastSegment(t.clusterArn()) + "\u0000" + owner;
      byOwner
          .computeIfAbsent(key, k -> new LinkedHashMap<>())
          .computeIfAbsent(StopReasonCatalogue.classify(t), k -> new ArrayList<>())
          .add(t);
    }
    List<Group> out = new ArrayList<>();
    byOwner.forEach(
        (key, causes) -> {
          String[] parts = key.split("\u0000", 2);
          Optional<Service> service =
              region.services().stream()
                  .filter(s -> parts[1].equals(s.serviceName()) && parts[0].equals(s.clusterName()))
                  .findFirst();
          causes.forEach(
              (cause, tasks) -> {
                Map<String, Integer> signatures = new LinkedHashMap<>();
                tasks.forEach(t -> signatures.merge(signature(t), 1, Integer::sum));
                out.add(new Group(parts[1], parts[0], service, cause, tasks, signatures));
              });
        });
    return out;
  }

  static String signature(Task t) {
    List<String> parts = new ArrayList<>();
    if (t.stopCode() != null) parts.add(t.stopCode());
    if (t.stoppedReason() != null) parts.add(mask(t.stoppedReason()));
    for (Task.Container c : t.containers()) {
      if (c.reason() == null && (c.exitCode() == null || c.exitCode() == 0)) continue;
      parts.add(
          c.name()
              + ": "
              + (c.reason() == null ? "" : mask(c.reason()) + " ")
              + (c.exitCode() == null ? "" : "(exit " + c.exitCode() + ")"));
    }
    return parts.isEmpty() ? "(no reason given)" : String.join(" · ", parts).strip();
  }

  static String mask(String text) {
    return HEX_ID.matcher(ADDRESS.matcher(text).replaceAll("<address>")).replaceAll("<id>");
  }
}
