package dev.fargatedoctor.snapshot.flows;

import dev.fargatedoctor.snapshot.Lists;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What VPC flow-log records showed over a window, aggregated so that it stays small whatever the
 * volume: the interfaces seen, rejected flows, TCP connections that got no answer, and bytes
 * between addresses (public addresses folded into the prefix list they belong to, or the internet).
 * The flows reader computes it (locally, or as SQL on Athena: the rows are the same) and attaches
 * it to a region of the snapshot; the flow checks read it like any other snapshot data.
 *
 * @param source what was read: files, a log group, an S3 prefix, an Athena table
 * @param from start of the requested window, or null for everything read
 * @param to end of the requested window, or null
 * @param coveredSeconds time the records cover: the union of every source's first start to last
 *     end, what monthly projections divide by
 * @param fields the record fields the format carried (AWS's names, e.g. {@code tcp-flags})
 * @param problems what could not be read, with file and line, the first few of each kind
 */
public record FlowSummary(
    String source,
    Instant from,
    Instant to,
    long coveredSeconds,
    List<String> fields,
    FlowCounts counts,
    List<String> problems,
    List<SourcePeriod> periods,
    List<InterfaceRow> interfaces,
    List<RejectedRow> rejected,
    List<NoReplyRow> noReply,
    List<TrafficRow> traffic) {
  public FlowSummary {
    fields = Lists.of(fields);
    counts = counts == null ? FlowCounts.NONE : counts;
    problems = Lists.of(problems);
    periods = Lists.of(periods);
    interfaces = Lists.of(interfaces);
    rejected = Lists.of(rejected);
    noReply = Lists.of(noReply);
    traffic = Lists.of(traffic);
  }

  public boolean has(String field) {
    return fields.contains(field);
  }

  public Duration covered() {
    return Duration.ofSeconds(coveredSeconds);
  }

  /**
   * How many records were read, skipped or refused, and why.
   *
   * @param lines lines read, headers included
   * @param records records with log-status OK inside the window: what the analyses saw
   * @param noData NODATA records: an interface with no traffic in its capture window
   * @param skipData SKIPDATA records: flows AWS could not capture (capacity); traffic is missing
   * @param malformed lines that are not records of the format (wrong field count, bad numbers)
   * @param outsideWindow records before or after the window
   * @param skewed records whose times cannot be right (end before start, in the future)
   * @param truncated sources that ended early (a cut-off gzip stream): read up to the cut
   * @param unreadable sources that could not be read at all (denied, unparseable format)
   * @param overflow records of small groups the analyser's bounded tables dropped to make room
   *     (counted once per table they were in): in no row; rows that may lack some say how many
   */
  public record FlowCounts(
      long lines,
      long records,
      long noData,
      long skipData,
      long malformed,
      long outsideWindow,
      long skewed,
      long truncated,
      long unreadable,
      long overflow) {
    public static final FlowCounts NONE = new FlowCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** The time one source's records cover: files far apart in time are reported, not merged. */
  public record SourcePeriod(String source, Instant first, Instant last, long records) {}

  /**
   * One network interface seen in the records, with the fields that are the same on every record of
   * it (version 3 subnet and VPC, version 4 AZ, version 7 ECS fields), when the format has them.
   */
  public record InterfaceRow(
      String interfaceId,
      String vpcId,
      String subnetId,
      String azId,
      String ecsClusterName,
      String ecsServiceName,
      String ecsTaskId,
      long records,
      long noData,
      long skipData) {}

  /**
   * Rejected records on one interface between two addresses, for one service port (the lower of the
   * two ports: the server's). {@code serverIsDst} says which end is the server, so a rejected reply
   * (server to client) is told from a rejected request. {@code maxMissing}: how many records the
   * counts may be short because the analyser's bounded tables dropped the group earlier to make
   * room (0: exact, as SQL always is); the counts are then estimates, lower bounds.
   */
  public record RejectedRow(
      String interfaceId,
      String srcaddr,
      String dstaddr,
      int protocol,
      int servicePort,
      boolean serverIsDst,
      String flowDirection,
      long records,
      long packets,
      long bytes,
      int clientPortMin,
      int clientPortMax,
      long firstStart,
      long lastEnd,
      long maxMissing) {}

  /**
   * TCP connection attempts from a client to a server port, seen on one interface, that got fewer
   * answers than attempts. An attempt is an accepted client-to-server record (with a SYN and no ACK
   * when the format has tcp-flags); an answer is any server-to-client record (a SYN-ACK or RST when
   * it has them). {@code maxMissing}: how many of the group's records (attempts or answers) the
   * counts may lack because the bounded tables dropped it earlier (0: exact), so unanswered is
   * known to within that many.
   */
  public record NoReplyRow(
      String interfaceId,
      String clientAddr,
      String serverAddr,
      int serverPort,
      long attempts,
      long answers,
      long packets,
      long firstStart,
      long lastEnd,
      long maxMissing) {
    public long unanswered() {
      return Math.max(0, attempts - answers);
    }
  }

  /**
   * Accepted bytes on one interface between two address classes: a private address as itself, a
   * public one as the AWS prefix list that holds it ({@code pl-...}) or {@code 0.0.0.0/0}. {@code
   * awsService} is the record's pkt-dst-aws-service, else pkt-src-aws-service (version 5). {@code
   * maxMissing}: how many bytes the counts may be short because the bounded tables dropped the
   * group earlier (0: exact).
   */
  public record TrafficRow(
      String interfaceId,
      String src,
      String dst,
      String awsService,
      String flowDirection,
      long records,
      long packets,
      long bytes,
      long maxMissing) {}
}
