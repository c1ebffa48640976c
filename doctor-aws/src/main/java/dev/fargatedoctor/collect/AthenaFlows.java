package dev.fargatedoctor.collect;

import dev.fargatedoctor.flows.AddressClasses;
import dev.fargatedoctor.flows.FlowFormat;
import dev.fargatedoctor.flows.FlowRows;
import dev.fargatedoctor.flows.FlowSql;
import dev.fargatedoctor.flows.FlowTables;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.flows.FlowSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;

/**
 * The flow analyses on Amazon Athena, for flow logs in S3 too big for one machine: the same SQL as
 * the local analyser ({@link FlowSql}), over a table with partition projection on the standard S3
 * layout, which it creates when asked. Each query is started, polled until it ends (or stopped when
 * it outlives the timeout, or when the process is interrupted), and its results read page by page
 * into the same rows the local analyser produces.
 *
 * <p>Athena writes query results to S3, and CREATE TABLE changes the Glue catalogue: these are
 * opt-in writes with their own policy (docs/iam-policy-athena.json).
 */
public final class AthenaFlows {
  public static final String ACTION = "athena:GetQueryResults";
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  /**
   * @param workgroup the Athena workgroup (its settings may fix the results location)
   * @param database the Glue database of the table
   * @param table the table over the flow logs
   * @param location {@code s3://bucket/prefix} the flow log delivers to (for CREATE TABLE)
   * @param createTable create the database and table when they do not exist
   * @param outputLocation where query results go, or null for the workgroup's setting
   * @param timeout how long one query may run before it is stopped
   */
  public record Settings(
      String workgroup,
      String database,
      String table,
      String location,
      boolean createTable,
      String outputLocation,
      Duration timeout) {}

  /** Waits between polls; tests run it on an emulator that answers at once. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final AthenaClient athena;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  public AthenaFlows(AthenaClient athena, Clock clock, Sleeper sleeper) {
    this.athena = athena;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** A query Athena ended without results: the state and AWS's reason. */
  public static final class QueryFailedException extends RuntimeException {
    private final Coverage.Outcome outcome;

    QueryFailedException(Coverage.Outcome outcome, String message) {
      super(message);
      this.outcome = outcome;
    }

    public Coverage.Outcome outcome() {
      return outcome;
    }
  }

  /**
   * The statements that create the table: the database, then an external table over the text files
   * of the standard layout, partitioned by day with partition projection (no partitions to load).
   */
  public static List<String> createTable(
      Settings s, FlowFormat format, String accountId, String region) {
    String db = FlowSql.identifier(s.database());
    String table = FlowSql.identifier(s.table());
    String base = s.location().endsWith("/") ? s.location() : s.location() + "/";
    String root = base + "AWSLogs/" + accountId + "/vpcflowlogs/" + region + "/";
    List<String> columns = new ArrayList<>();
    for (String name : format.names()) {
      String type =
          dev.fargatedoctor.flows.Field.byName(name)
              .map(dev.fargatedoctor.flows.Field::hiveType)
              .orElse("string");
      columns.add("`" + name.replace('-', '_') + "` " + type);
    }
    return List.of(
        "CREATE DATABASE IF NOT EXISTS `" + db + "`",
        "CREATE EXTERNAL TABLE IF NOT EXISTS `"
            + db
            + "`.`"
            + table
            + "` ("
            + String.join(", ", columns)
            + ") PARTITIONED BY (`day` string) ROW FORMAT DELIMITED FIELDS TERMINATED BY ' ' "
            + "LOCATION '"
            + root
            + "' TBLPROPERTIES ('skip.header.line.count'='1', 'projection.enabled'='true', "
            + "'projection.day.type'='date', 'projection.day.format'='yyyy/MM/dd', "
            + "'projection.day.range'='2020/01/01,NOW', 'projection.day.interval'='1', "
            + "'projection.day.interval.unit'='DAYS', 'storage.location.template'='"
            + root
            + "${day}')");
  }

  /** The region with what the queries showed; what failed is in {@code coverage}. */
  public RegionSnapshot run(
      RegionSnapshot region,
      String accountId,
      Settings s,
      FlowFormat format,
      Instant from,
      Instant to,
      List<Coverage> coverage) {
    int calls = 0;
    try {
      if (s.createTable()) {
        for (String ddl : createTable(s, format, accountId, region.region())) {
          execute(ddl, s);
          calls++;
        }
      }
      String table =
          "\"" + FlowSql.identifier(s.database()) + "\".\"" + FlowSql.identifier(s.table()) + "\"";
      String days =
          "day BETWEEN '"
              + DAY.format(from.minus(Duration.ofDays(1)))
              + "' AND '"
              + DAY.format(to.plus(Duration.ofDays(1)))
              + "'";
      FlowSql sql =
          new FlowSql(
              table,
              format,
              AddressClasses.of(region),
              from,
              to,
              clock.instant().plus(Duration.ofMinutes(15)),
              days);
      List<FlowSummary.InterfaceRow> interfaces = new ArrayList<>();
      List<FlowSummary.RejectedRow> rejected = new ArrayList<>();
      List<FlowSummary.NoReplyRow> noReply = new ArrayList<>();
      List<FlowSummary.TrafficRow> traffic = new ArrayList<>();
      for (FlowSql.Query q : sql.queries()) {
        String id = execute(q.sql(), s);
        calls++;
        for (List<String> row : results(id)) {
          switch (q.name()) {
            case "interfaces" -> interfaces.add(FlowRows.interfaceRow(row));
            case "rejected" -> rejected.add(FlowRows.rejectedRow(row));
            case "no_reply" -> noReply.add(FlowRows.noReplyRow(row));
            default -> traffic.add(FlowRows.trafficRow(row));
          }
        }
      }
      coverage.add(Coverage.ok(region.region(), ACTION, null, calls, 0));
      FlowTables tables = new FlowTables(interfaces, rejected, noReply, traffic);
      long records = interfaces.stream().mapToLong(FlowSummary.InterfaceRow::records).sum();
      long noData = interfaces.stream().mapToLong(FlowSummary.InterfaceRow::noData).sum();
      long skipData = interfaces.stream().mapToLong(FlowSummary.InterfaceRow::skipData).sum();
      FlowSummary summary =
          new FlowSummary(
              "Athena " + s.database() + "." + s.table() + " (workgroup " + s.workgroup() + ")",
              from,
              to,
              Duration.between(from, to).getSeconds(),
              format.knownFields(),
              new FlowSummary.FlowCounts(0, records, noData, skipData, 0, 0, 0, 0, 0, 0),
              List.of(),
              List.of(),
              tables.interfaces(),
              tables.rejected(),
              tables.noReply(),
              tables.traffic());
      return region.withFlows(summary);
    } catch (QueryFailedException e) {
      coverage.add(
          new Coverage(region.region(), ACTION, e.outcome(), s.table(), e.getMessage(), calls, 0));
    } catch (SdkException e) {
      coverage.add(
          new Coverage(
              region.region(),
              ACTION,
              Failures.outcome(e),
              s.table(),
              Failures.message(e),
              calls,
              0));
    }
    return region;
  }

  /** Starts a statement and waits for it; its id once it SUCCEEDED. */
  String execute(String statement, Settings s) {
    String id =
        athena
            .startQueryExecution(
                b -> {
                  b.queryString(statement)
                      .workGroup(s.workgroup())
                      .queryExecutionContext(c -> c.database(FlowSql.identifier(s.database())));
                  if (s.outputLocation() != null) {
                    b.resultConfiguration(r -> r.outputLocation(s.outputLocation()));
                  }
                })
            .queryExecutionId();
    running.add(id);
    try {
      Instant deadline = clock.instant().plus(s.timeout());
      Duration wait = Duration.ofMillis(250);
      while (true) {
        QueryExecution e = athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution();
        QueryExecutionState state = e.status().state();
        if (state == QueryExecutionState.SUCCEEDED) return id;
        if (state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
          String reason = e.status().stateChangeReason();
          throw new QueryFailedException(
              Coverage.Outcome.FAILED,
              "query " + id + " " + state + (reason == null ? "" : ": " + reason));
        }
        if (!clock.instant().isBefore(deadline)) {
          stop(id);
          throw new QueryFailedException(
              Coverage.Outcome.TIMEOUT,
              "query "
                  + id
                  + " still "
                  + state
                  + " after "
                  + s.timeout().toSeconds()
                  + " s: stopped");
        }
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
          stop(id);
          Thread.currentThread().interrupt();
          throw new QueryFailedException(
              Coverage.Outcome.FAILED, "interrupted: query " + id + " stopped");
        }
        wait =
            wait.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                ? Duration.ofSeconds(5)
                : wait.multipliedBy(2);
      }
    } finally {
      running.remove(id);
    }
  }

  /** Every row of a query's results, page by page, without the header row Athena puts first. */
  List<List<String>> results(String id) {
    List<List<String>> rows = new ArrayList<>();
    boolean header = true;
    for (GetQueryResultsResponse page :
        athena.getQueryResultsPaginator(b -> b.queryExecutionId(id))) {
      for (Row r : page.resultSet().rows()) {
        if (header) {
          header = false;
          continue;
        }
        List<String> values = new ArrayList<>();
        for (Datum d : r.data()) values.add(d.varCharValue());
        rows.add(values);
      }
    }
    return rows;
  }

  private void stop(String id) {
    try {
      athena.stopQueryExecution(b -> b.queryExecutionId(id));
    } catch (SdkException ignored) {
      // best effort: the query may have ended meanwhile
    }
  }

  /** Stops every query still running: the process is being interrupted. */
  public void cancelAll() {
    for (String id : List.copyOf(running)) stop(id);
  }
}
