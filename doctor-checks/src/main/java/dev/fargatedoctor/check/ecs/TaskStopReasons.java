package dev.fargatedoctor.check.ecs;

import com.google.auto.service.AutoService;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Timestamps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recently stopped tasks, grouped by service and cause, each group showing how its tasks stopped
 * (stop code, reason, container reason and exit code) and the message behind the cause. Stops by a
 * user or by the scheduler are routine; memory kills are OOM-KILLS' to report.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "TASK-STOP-REASONS",
    title = "Tasks stopped for a known failure cause",
    law = Law.DEPLOY_HANGS,
    severity = Severity.HIGH,
    needs = {Input.ECS_SERVICES, Input.TASKS})
public final class TaskStopReasons implements Check {
  @Override
  public List<Finding> run(CheckContext ctx) {
    List<StoppedTasks.Group> groups = StoppedTasks.groups(ctx.region());
    List<StoppedTasks.Group> problems = groups.stream().filter(TaskStopReasons::isProblem).toList();
    Set<String> withProblems = new LinkedHashSet<>();
    problems.forEach(g -> withProblems.add(g.resource().id()));
    // A service (or task family) whose stops are all routine, or memory kills (OOM-KILLS'), passes.
    Map<String, StoppedTasks.Group> routineOnly = new LinkedHashMap<>();
    for (StoppedTasks.Group g : groups) {
      if (!isProblem(g) && !withProblems.contains(g.resource().id())) {
        routineOnly.putIfAbsent(g.resource().id(), g);
      }
    }
    List<Finding> findings =
        new ArrayList<>(
            ctx.each(problems, StoppedTasks.Group::resource, g -> List.of(finding(ctx, g))));
    findings.addAll(
        ctx.each(
            routineOnly.values(),
            StoppedTasks.Group::resource,
            g ->
                List.of(
                    ctx.finding(g.resource())
                        .pass(
                            g.owner()
                                + ": no task stopped for a failure cause here "
                                + "(stops by users and the scheduler are routine; memory kills are OOM-KILLS')")
                        .build())));
    return findings;
  }

  private static boolean isProblem(StoppedTasks.Group g) {
    Cause cause = g.cause();
    return !cause.isNormal() && !cause.is(Cause.OUT_OF_MEMORY) && !cause.is(Cause.KILLED);
  }

  private static Finding finding(CheckContext ctx, StoppedTasks.Group g) {
    Cause cause = g.cause();
    StopReasonCatalogue.TaskReading reading = g.latestReading();
    int n = g.tasks().size();
    // A service can stop tasks for several causes: each is its own finding, told apart by cause.
    FindingBuilder f =
        ctx.finding(g.resource())
            .aspect(cause.id())
            .fail(
                g.owner()
                    + ": "
                    + n
                    + " task"
                    + (n == 1 ? "" : "s")
                    + " stopped: "
                    + MessageEvidence.describe(cause, reading.message()))
            .severity(cause.severity())
            .evidence("cause", cause.description());
    MessageEvidence.add(f, cause, reading.message());
    MessageEvidence.addTask(f, g.latest(), reading.container());
    Map<String, String> values = g.fixValues(ctx.region());
    return f.evidence("stopped tasks", n)
        .evidence("first stop", Timestamps.iso(g.firstStop()))
        .evidence("last stop", Timestamps.iso(g.lastStop()))
        .evidence("how they stopped", g.signatureLines())
        .fix(
            MessageEvidence.fixText(cause, values),
            MessageEvidence.commands(cause, values, g.describeCommand(ctx.region().name())))
        .build();
  }
}
