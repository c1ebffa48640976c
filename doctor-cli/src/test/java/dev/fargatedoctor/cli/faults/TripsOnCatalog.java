package dev.fargatedoctor.cli.faults;

import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.Resource;
import dev.fargatedoctor.check.Severity;
import java.util.List;

/**
 * A check with a bug only one resource meets: it judges every service and trips over the one named
 * "catalog" as over a shape it did not foresee. Registered only in the process FaultsProcessIT
 * starts, never in the catalogue (no services file on the test class path names it).
 */
@CheckInfo(
    id = "TEST-TRIPS-ON-CATALOG",
    title = "test check that trips over one service",
    law = Law.DEPLOY_HANGS,
    severity = Severity.HIGH,
    needs = {Input.ECS_SERVICES})
public final class TripsOnCatalog implements Check {
  @Override
  public List<Finding> run(CheckContext ctx) {
    return ctx.each(
        ctx.region().services(),
        Resource::service,
        s -> {
          if (s.serviceName().equals("catalog")) throw new IllegalStateException("odd catalog");
          return List.of(ctx.finding(Resource.service(s)).pass(s.serviceName() + " fine").build());
        });
  }
}
