package dev.fargatedoctor.flows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The analyses of {@link FlowAggregator} as SQL, for Athena (Trino) when the logs are too big for
 * one machine: the same filters, the same groups, the same order and limits, so the rows are the
 * same. Written in the subset Trino and DuckDB share (no bitwise functions: a TCP flag is a
 * remainder test), so a test runs these very statements on DuckDB over the records the local
 * analyser reads and compares the tables.
 *
 * <p>The columns are the format's fields with dashes as underscores (Athena's flow-log tables);
 * {@code '-'} may arrive as a string or as NULL, and both mean "no value".
 */
public final class FlowSql {
  private final String table;
  private final FlowFormat format;
  private final AddressClasses classes;
  private final Instant from;
  private final Instant to;
  private final Instant notAfter;
  private final String partitionFilter;

  /**
   * @param table the table (qualified as the engine needs it)
   * @param partitionFilter a predicate on partition columns that prunes what the window cannot
   *     touch, or null
   */
  public FlowSql(
      String table,
      FlowFormat format,
      AddressClasses classes,
      Instant from,
      Instant to,
      Instant notAfter,
      String partitionFilter) {
    this.table = table;
    this.format = format;
    this.classes = classes;
    this.from = from;
    this.to = to;
    this.notAfter = notAfter;
    this.partitionFilter = partitionFilter;
  }

  /** The four queries, by the name of the table each fills. */
  public List<Query> queries() {
    return List.of(
        new Query("interfaces", interfaces()),
        new Query("rejected", rejected()),
        new Query("no_reply", noReply()),
        new Query("traffic", traffic()));
  }

  public record Query(String name, String sql) {}

  private boolean has(Field f) {
    return format.has(f);
  }

  private String col(Field f) {
    String c = f.column();
    return c.equals("end") ? "\"end\"" : c;
  }

  private String text(Field f) {
    return has(f) ? "NULLIF(CAST(" + col(f) + " AS VARCHAR), '-')" : "CAST(NULL AS VARCHAR)";
  }

  private String number(Field f, String otherwise) {
    return has(f) ? "COALESCE(" + col(f) + ", " + otherwise + ")" : otherwise;
  }

  /** The records the analyses read: the window, sane times, one row shape for every format. */
  private String base() {
    List<String> where = new ArrayList<>();
    if (partitionFilter != null) where.add(partitionFilter);
    if (has(Field.START)) {
      if (from != null) where.add("start >= " + from.getEpochSecond());
      if (to != null) where.add("start < " + to.getEpochSecond());
      if (notAfter != null)
        where.add("(start IS NULL OR start <= " + notAfter.getEpochSecond() + ")");
      if (has(Field.END)) where.add("(start IS NULL OR \"end\" IS NULL OR \"end\" >= start)");
    }
    where.add("NULLIF(interface_id, '-') IS NOT NULL");
    return "SELECT interface_id AS iface, "
        + text(Field.SRCADDR)
        + " AS src, "
        + text(Field.DSTADDR)
        + " AS dst, "
        + number(Field.SRCPORT, "0")
        + " AS sp, "
        + number(Field.DSTPORT, "0")
        + " AS dp, "
        + number(Field.PROTOCOL, "-1")
        + " AS proto, "
        + number(Field.PACKETS, "0")
        + " AS pk, "
        + number(Field.BYTES, "0")
        + " AS bt, "
        + number(Field.START, "-1")
        + " AS st, "
        + number(Field.END, "-1")
        + " AS en, "
        + (has(Field.ACTION) ? text(Field.ACTION) : "'ACCEPT'")
        + " AS act, "
        + (has(Field.LOG_STATUS) ? text(Field.LOG_STATUS) : "'OK'")
        + " AS status, "
        + (has(Field.TCP_FLAGS) ? "COALESCE(tcp_flags, -1)" : "-1")
        + " AS flags, "
        + direction()
        + " AS dir, COALESCE("
        + text(Field.PKT_DST_AWS_SERVICE)
        + ", "
        + text(Field.PKT_SRC_AWS_SERVICE)
        + ") AS svc, "
        + text(Field.VPC_ID)
        + " AS vpc, "
        + text(Field.SUBNET_ID)
        + " AS subnet, "
        + text(Field.AZ_ID)
        + " AS az, "
        + text(Field.ECS_CLUSTER_NAME)
        + " AS cluster, "
        + text(Field.ECS_SERVICE_NAME)
        + " AS service, "
        + text(Field.ECS_TASK_ID)
        + " AS task FROM "
        + table
        + " WHERE "
        + String.join(" AND ", where);
  }

  private String direction() {
    if (!has(Field.FLOW_DIRECTION)) return "CAST(NULL AS VARCHAR)";
    return "CASE WHEN flow_direction = 'ingress' THEN 'ingress' "
        + "WHEN flow_direction = 'egress' THEN 'egress' END";
  }

  private String with() {
    return "WITH r AS (" + base() + ") ";
  }

  private static final String OK = "status = 'OK'";
  private static final String ADDRESSED = "src IS NOT NULL AND dst IS NOT NULL";

  String interfaces() {
    return with()
        + "SELECT iface, MIN(vpc), MIN(subnet), MIN(az), MIN(cluster), MIN(service), MIN(task), "
        + "SUM(CASE WHEN status = 'OK' THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN status = 'NODATA' THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN status = 'SKIPDATA' THEN 1 ELSE 0 END) "
        + "FROM r WHERE status IN ('OK', 'NODATA', 'SKIPDATA') GROUP BY iface ORDER BY iface";
  }

  String rejected() {
    if (!has(Field.ACTION)) return with() + "SELECT * FROM r WHERE 1 = 0";
    return with()
        + "SELECT iface, src, dst, proto, LEAST(sp, dp) AS port, "
        + "CASE WHEN dp <= sp THEN 1 ELSE 0 END AS server_is_dst, dir, COUNT(*) AS records, "
        + "SUM(pk), SUM(bt), MIN(GREATEST(sp, dp)), MAX(GREATEST(sp, dp)), MIN(st), MAX(en) "
        + "FROM r WHERE "
        + OK
        + " AND act = 'REJECT' AND "
        + ADDRESSED
        + " GROUP BY iface, src, dst, proto, LEAST(sp, dp), CASE WHEN dp <= sp THEN 1 ELSE 0 END, dir"
        + " ORDER BY records DESC, iface, src, dst, port, proto, server_is_dst, dir NULLS LAST"
        + " LIMIT "
        + FlowAggregator.MAX_ROWS;
  }

  String noReply() {
    String syn = has(Field.TCP_FLAGS) ? " AND flags % 4 >= 2 AND flags % 32 < 16" : "";
    String answer =
        has(Field.TCP_FLAGS)
            ? " AND ((flags % 4 >= 2 AND flags % 32 >= 16) OR flags % 8 >= 4)"
            : "";
    String attempt = "dp <= sp AND act = 'ACCEPT'" + syn;
    return with()
        + "SELECT iface, client, server, port, attempts, answers, packets, first_start, last_end "
        + "FROM (SELECT iface, CASE WHEN dp <= sp THEN src ELSE dst END AS client, "
        + "CASE WHEN dp <= sp THEN dst ELSE src END AS server, LEAST(sp, dp) AS port, "
        + "SUM(CASE WHEN "
        + attempt
        + " THEN 1 ELSE 0 END) AS attempts, "
        + "SUM(CASE WHEN dp > sp"
        + answer
        + " THEN 1 ELSE 0 END) AS answers, "
        + "SUM(CASE WHEN "
        + attempt
        + " THEN pk ELSE 0 END) AS packets, MIN(st) AS first_start, MAX(en) AS last_end "
        + "FROM r WHERE "
        + OK
        + " AND proto = 6 AND "
        + ADDRESSED
        + " GROUP BY iface, CASE WHEN dp <= sp THEN src ELSE dst END, "
        + "CASE WHEN dp <= sp THEN dst ELSE src END, LEAST(sp, dp)) c "
        + "WHERE attempts > answers "
        + "ORDER BY attempts - answers DESC, iface, client, server, port LIMIT "
        + FlowAggregator.MAX_ROWS;
  }

  String traffic() {
    String accepted = has(Field.ACTION) ? " AND act = 'ACCEPT'" : "";
    return with()
        + "SELECT iface, "
        + fold("src")
        + " AS s, "
        + fold("dst")
        + " AS d, svc, dir, COUNT(*), SUM(pk), SUM(bt) AS total FROM r WHERE "
        + OK
        + accepted
        + " AND "
        + ADDRESSED
        + " GROUP BY iface, "
        + fold("src")
        + ", "
        + fold("dst")
        + ", svc, dir ORDER BY total DESC, iface, s, d, svc NULLS LAST, dir NULLS LAST LIMIT "
        + FlowAggregator.MAX_ROWS * 4;
  }

  /** An address as the byte counts fold it: kept, a prefix list's id, or the internet. */
  private String fold(String column) {
    String n = ipNumber(column);
    StringBuilder b = new StringBuilder("CASE WHEN ");
    b.append(n).append(" IS NULL THEN (CASE WHEN ").append(column).append(" LIKE '%:%' THEN '");
    b.append(AddressClasses.IPV6).append("' ELSE ").append(column).append(" END)");
    List<String> keep = new ArrayList<>();
    for (long[] k : classes.keepRanges()) keep.add(n + " BETWEEN " + k[0] + " AND " + k[1]);
    b.append(" WHEN ").append(String.join(" OR ", keep)).append(" THEN ").append(column);
    for (Object[] r : classes.namedRanges()) {
      b.append(" WHEN ").append(n).append(" BETWEEN ").append(r[0]).append(" AND ").append(r[1]);
      b.append(" THEN '").append(quote((String) r[2])).append("'");
    }
    return b.append(" ELSE '").append(AddressClasses.PUBLIC).append("' END").toString();
  }

  /** A dotted-quad address as a number, NULL for anything else (IPv6). */
  private static String ipNumber(String column) {
    StringBuilder b = new StringBuilder("(");
    long[] weights = {16777216L, 65536L, 256L, 1L};
    for (int i = 0; i < 4; i++) {
      if (i > 0) b.append(" + ");
      b.append("TRY_CAST(split_part(")
          .append(column)
          .append(", '.', ")
          .append(i + 1)
          .append(") AS BIGINT) * ")
          .append(weights[i]);
    }
    return b.append(")").toString();
  }

  private static String quote(String s) {
    return s.replace("'", "''");
  }

  /** An identifier Athena accepts as a table or database name. */
  public static String identifier(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (!n.matches("[a-z0-9_]{1,128}")) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a table or database name (letters, digits, _)");
    }
    return n;
  }
}
