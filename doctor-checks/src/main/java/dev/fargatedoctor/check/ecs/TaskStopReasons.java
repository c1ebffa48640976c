package dev.fargatedoctor.check.ecs;

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
import java.util.List;
import java.util.Map;

/**
 * Recently stopped tasks, grouped by service and cause, each group showing how its tasks stopped
 * (stop code, reason, container reason and exit code) and the message behind the cause. Stops by a
 * user or by the scheduler are routine; memory kills are OOM-KILLS' to report.
 */
@CheckInfo(
    id = "TASK-STOP-REASONS",
    title = "Tasks stopped for a known failure cause",
    law = Law.DEPLOY_HANGS,
    severity = Severity.HIGH,
    needs = {Input.ECS_SERVICES, Input.TASKS})
public final class TaskStopReasons implements Check {
  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> findings = new ArrayList<>();
    Map<String, StoppedTasks.Group> routineOnly = new LinkedHashMap<>();
    List<String> withProblems = new ArrayList<>();
    for (StoppedTasks.Group g : StoppedTasks.groups(ctx.region())) {
      String key = g.resource().id();
      Cause cause = g.cause();
      if (cause.isNormal() || cause.is(Cause.OUT_OF_MEMORY) || cause.is(Cause.KILLED)) {
        routineOnly.putIfAbsent(key, g);
        continue;
      }
      withProblems.add(key);
      findings.add(finding(ctx, g));
    }
    routineOnly.forEach(
        (key, g) -> {
          if (!withProblems.contains(key)) {
            findings.add(
                ctx.finding(g.resource())
                    .pass(
                        g.owner()
                            + ": no task stopped for a failure cause here "
                            + "(stops by users and the scheduler are routine; memory kills are OOM-KILLS')")
                    .build());
          }
        });
    return findings;
  }

  private static Finding finding(CheckContext ctx, StoppedTasks.Group g) {
    Cause cause = g.cause();
    StopReasonCatalogue.TaskReading reading = g.latestReading();
    int n = g.tasks().size();
    FindingBuilder f =
        ctx.finding(g.resource())
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
