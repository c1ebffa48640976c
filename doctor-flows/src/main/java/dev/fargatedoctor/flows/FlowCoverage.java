package dev.fargatedoctor.flows;

import dev.fargatedoctor.snapshot.Coverage;
import java.util.ArrayList;
import java.util.List;

/**
 * How reading flow-log sources shows in a snapshot's coverage: one entry for the action when
 * something was read, and one per source that could not be read cleanly (truncated, malformed
 * lines, an unparseable format, SKIPDATA), naming it and its first problem. The report lists those
 * as what was not collected; the flow checks still judge what was read.
 */
public final class FlowCoverage {
  private FlowCoverage() {}

  public static List<Coverage> of(
      String region, String action, List<FlowReader.SourceReport> sources) {
    List<Coverage> out = new ArrayList<>();
    long read = sources.stream().mapToLong(FlowReader.SourceReport::records).sum();
    if (read > 0 || sources.stream().allMatch(FlowReader.SourceReport::clean)) {
      out.add(Coverage.ok(region, action, null, sources.size(), 0));
    }
    for (FlowReader.SourceReport s : sources) {
      if (s.clean()) continue;
      out.add(
          new Coverage(
              region,
              action,
              Coverage.Outcome.FAILED,
              s.name(),
              s.problems()
                  + (s.problems() == 1 ? " problem" : " problems")
                  + ", first: "
                  + s.firstProblem()
                  + (s.records() > 0 ? " (" + s.records() + " records read)" : ""),
              1,
              0));
    }
    return out;
  }
}
