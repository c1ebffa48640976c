package dev.fargatedoctor.flows;

import dev.fargatedoctor.snapshot.flows.FlowSummary;
import java.util.List;

/**
 * Rows of the SQL analyses' results, as the strings Athena's GetQueryResults (or any engine)
 * returns them, in {@link FlowSql}'s column order, made into the summary's rows.
 */
public final class FlowRows {
  private FlowRows() {}

  public static FlowSummary.InterfaceRow interfaceRow(List<String> r) {
    return new FlowSummary.InterfaceRow(
        r.get(0),
        r.get(1),
        r.get(2),
        r.get(3),
        r.get(4),
        r.get(5),
        r.get(6),
        num(r.get(7)),
        num(r.get(8)),
        num(r.get(9)));
  }

  public static FlowSummary.RejectedRow rejectedRow(List<String> r) {
    return new FlowSummary.RejectedRow(
        r.get(0),
        r.get(1),
        r.get(2),
        (int) num(r.get(3)),
        (int) num(r.get(4)),
        num(r.get(5)) == 1,
        r.get(6),
        num(r.get(7)),
        num(r.get(8)),
        num(r.get(9)),
        (int) num(r.get(10)),
        (int) num(r.get(11)),
        num(r.get(12)),
        num(r.get(13)),
        0);
  }

  public static FlowSummary.NoReplyRow noReplyRow(List<String> r) {
    return new FlowSummary.NoReplyRow(
        r.get(0),
        r.get(1),
        r.get(2),
        (int) num(r.get(3)),
        num(r.get(4)),
        num(r.get(5)),
        num(r.get(6)),
        num(r.get(7)),
        num(r.get(8)),
        0);
  }

  public static FlowSummary.TrafficRow trafficRow(List<String> r) {
    return new FlowSummary.TrafficRow(
        r.get(0),
        r.get(1),
        r.get(2),
        r.get(3),
        r.get(4),
        num(r.get(5)),
        num(r.get(6)),
        num(r.get(7)),
        0);
  }

  private static long num(String s) {
    if (s == null || s.isEmpty()) return 0;
    return Long.parseLong(s);
  }
}
