package dev.fargatedoctor.cli.faults;

import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.Severity;
import java.util.List;

/**
 * A bug no check boundary may swallow: an Error, which the engine lets through (it turns only a
 * check's exceptions into UNKNOWN findings), so the command ends as a bug ends. Registered only in
 * the process FaultsProcessIT starts.
 */
@CheckInfo(
    id = "TEST-BREAKS-THE-RUN",
    title = "test check with a bug",
    law = Law.DEPLOY_HANGS,
    severity = Severity.HIGH,
    needs = {Input.ECS_SERVICES})
public final class BreaksTheRun implements Check {
  @Override
  public List<Finding> run(CheckContext ctx) {
    throw new AssertionError("an invariant of the test check broke");
  }
}
