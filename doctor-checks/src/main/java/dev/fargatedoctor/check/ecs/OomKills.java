package dev.fargatedoctor.check.ecs;

import com.google.auto.service.AutoService;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.Fact;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Timestamps;
import dev.fargatedoctor.snapshot.ecs.Task;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tasks whose containers the kernel killed for memory. ECS says so only in the container's reason
 * ("OutOfMemoryError: Container killed due to memory usage"); the task's stoppedReason merely says
 * an essential container exited. Exit code 137 alone is SIGKILL, which an OOM kill, a missed stop
 * timeout and a health-check kill all produce: it is reported as such, never as OOM.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "OOM-KILLS",
    title = "Containers killed for exceeding their memory",
    law = Law.MEMORY_CLIMBS,
    severity = Severity.HIGH,
    needs = {Input.TASKS, Input.TASK_DEFINITIONS})
public final class OomKills implements Check {
  @Override
  public List<Finding> run(CheckContext ctx) {
    return ctx.each(
        StoppedTasks.groups(ctx.region()), StoppedTasks.Group::resource, g -> judgeGroup(ctx, g));
  }

  private static List<Finding> judgeGroup(CheckContext ctx, StoppedTasks.Group g) {
    if (!g.cause().is(Cause.OUT_OF_MEMORY) && !g.cause().is(Cause.KILLED)) return List.of();
    int n = g.tasks().size();
    boolean oom = g.cause().is(Cause.OUT_OF_MEMORY);
    FindingBuilder f =
        ctx.finding(g.resource())
            .evidence("stopped tasks", n)
            .evidence("first stop", Timestamps.iso(g.firstStop()))
            .evidence("last stop", Timestamps.iso(g.lastStop()))
            .evidence("how they stopped", g.signatureLines())
            .evidence("containers", containers(g.tasks(), oom))
            .evidence("memory limit", memoryLimits(ctx, g.tasks()));
    if (oom) {
      f.fail(
          g.owner()
              + ": "
              + n
              + " task"
              + (n == 1 ? "" : "s")
              + " OOM-killed (container killed due to memory "
              + "usage)");
    } else {
      f.warn(
              g.owner()
                  + ": "
                  + n
                  + " task"
                  + (n == 1 ? "" : "s")
                  + " killed (OOM, stop timeout or health check): "
                  + "exit code 137 without a memory reason")
          .severity(Severity.MEDIUM);
    }
    StopReasonCatalogue.TaskReading reading = g.latestReading();
    MessageEvidence.add(f, g.cause(), reading.message());
    Map<String, String> values = g.fixValues(ctx.region());
    return List.of(
        f.fix(
                MessageEvidence.fixText(g.cause(), values),
                MessageEvidence.commands(g.cause(), values, g.describeCommand(ctx.region().name())))
            .build());
  }

  private static List<String> containers(List<Task> tasks, boolean oom) {
    Set<String> names = new LinkedHashSet<>();
    for (Task t : tasks) {
      for (Task.Container c : t.containers()) {
        boolean killed =
            oom
                ? StopReasonCatalogue.classify(c.reason())
                    .filter(x -> x.is(Cause.OUT_OF_MEMORY))
                    .isPresent()
                : c.exitCode() != null && c.exitCode() == 137;
        if (killed) names.add(c.name());
      }
      if (oom && t.containers().stream().noneMatch(c -> c.reason() != null))
        names.add("(task: " + t.stoppedReason() + ")");
    }
    return List.copyOf(names);
  }

  // The task's hard limit (Fargate) or the containers' own, as the task definition states them.
  private static List<Fact> memoryLimits(CheckContext ctx, List<Task> tasks) {
    Map<String, Fact> out = new LinkedHashMap<>();
    for (Task t : tasks) {
      ctx.region()
          .taskDefinition(t.taskDefinitionArn())
          .ifPresent(td -> out.putIfAbsent(describe(td), limits(td)));
      if (t.memory() != null && ctx.region().taskDefinition(t.taskDefinitionArn()).isEmpty()) {
        String shown = "task " + t.memory() + " MiB";
        out.putIfAbsent(shown, Fact.line(shown, "taskMebibytes", mebibytes(t.memory())));
      }
    }
    return List.copyOf(out.values());
  }

  private static Fact limits(TaskDefinition td) {
    Map<String, Object> containers = new LinkedHashMap<>();
    for (TaskDefinition.ContainerDefinition c : td.containerDefinitions()) {
      if (c.memory() != null) containers.put(c.name(), c.memory());
    }
    return Fact.line(
        describe(td),
        "taskDefinition",
        td.family() + ":" + td.revision(),
        "taskMebibytes",
        mebibytes(td.memory()),
        "containers",
        containers.entrySet().stream()
            .map(e -> Fact.object("name", e.getKey(), "mebibytes", e.getValue()))
            .toList());
  }

  // ECS writes task memory as a string of MiB ("1024"); anything else stays out of the facts.
  private static Long mebibytes(String memory) {
    try {
      return memory == null ? null : Long.valueOf(memory.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String describe(TaskDefinition td) {
    StringBuilder s =
        new StringBuilder(
            td.family()
                + ":"
                + td.revision()
                + " task "
                + (td.memory() == null ? "(no task-level limit)" : td.memory() + " MiB"));
    for (TaskDefinition.ContainerDefinition c : td.containerDefinitions()) {
      if (c.memory() != null)
        s.append(", ").append(c.name()).append(" ").append(c.memory()).append(" MiB");
    }
    return s.toString();
  }
}
