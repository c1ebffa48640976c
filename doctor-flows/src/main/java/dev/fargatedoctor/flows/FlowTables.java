package dev.fargatedoctor.flows;

import dev.fargatedoctor.snapshot.flows.FlowSummary.InterfaceRow;
import dev.fargatedoctor.snapshot.flows.FlowSummary.NoReplyRow;
import dev.fargatedoctor.snapshot.flows.FlowSummary.RejectedRow;
import dev.fargatedoctor.snapshot.flows.FlowSummary.TrafficRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The analyses' results, whichever engine computed them: the local analyser or SQL on Athena. Rows
 * are ordered the way the SQL orders them (largest first, ties by key) and cut at {@link
 * FlowAggregator#MAX_ROWS}, so both engines keep the same rows.
 */
public record FlowTables(
    List<InterfaceRow> interfaces,
    List<RejectedRow> rejected,
    List<NoReplyRow> noReply,
    List<TrafficRow> traffic) {

  static final Comparator<InterfaceRow> INTERFACES = text(InterfaceRow::interfaceId);

  static final Comparator<RejectedRow> REJECTED =
      Comparator.comparingLong(RejectedRow::records)
          .reversed()
          .thenComparing(text(RejectedRow::interfaceId))
          .thenComparing(text(RejectedRow::srcaddr))
          .thenComparing(text(RejectedRow::dstaddr))
          .thenComparingInt(RejectedRow::servicePort)
          .thenComparingInt(RejectedRow::protocol)
          .thenComparing(r -> r.serverIsDst() ? 1 : 0)
          .thenComparing(text(RejectedRow::flowDirection));

  static final Comparator<NoReplyRow> NO_REPLY =
      Comparator.comparingLong(NoReplyRow::unanswered)
          .reversed()
          .thenComparing(text(NoReplyRow::interfaceId))
          .thenComparing(text(NoReplyRow::clientAddr))
          .thenComparing(text(NoReplyRow::serverAddr))
          .thenComparingInt(NoReplyRow::serverPort);

  static final Comparator<TrafficRow> TRAFFIC =
      Comparator.comparingLong(TrafficRow::bytes)
          .reversed()
          .thenComparing(text(TrafficRow::interfaceId))
          .thenComparing(text(TrafficRow::src))
          .thenComparing(text(TrafficRow::dst))
          .thenComparing(text(TrafficRow::awsService))
          .thenComparing(text(TrafficRow::flowDirection));

  public FlowTables {
    interfaces = List.copyOf(interfaces);
    rejected = List.copyOf(rejected);
    noReply = List.copyOf(noReply);
    traffic = List.copyOf(traffic);
  }

  /** Sorted and capped, as the SQL returns them. */
  public static FlowTables ordered(
      List<InterfaceRow> interfaces,
      List<RejectedRow> rejected,
      List<NoReplyRow> noReply,
      List<TrafficRow> traffic) {
    return new FlowTables(
        cut(interfaces, INTERFACES, Integer.MAX_VALUE),
        cut(rejected, REJECTED, FlowAggregator.MAX_ROWS),
        cut(noReply, NO_REPLY, FlowAggregator.MAX_ROWS),
        cut(traffic, TRAFFIC, FlowAggregator.MAX_ROWS * 4));
  }

  private static <T> List<T> cut(List<T> rows, Comparator<T> order, int max) {
    List<T> out = new ArrayList<>(rows);
    out.sort(order);
    return out.size() > max ? out.subList(0, max) : out;
  }

  private static <T> Comparator<T> text(Function<T, String> f) {
    return Comparator.comparing(f, Comparator.nullsLast(Comparator.naturalOrder()));
  }
}
