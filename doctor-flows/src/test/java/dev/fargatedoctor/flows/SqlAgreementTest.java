package dev.fargatedoctor.flows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.snapshot.flows.FlowSummary;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL analyses Athena runs and the local analyser must agree: the very statements {@link
 * FlowSql} writes run on DuckDB (an embedded engine, tests only) over the same gzip files the local
 * analyser reads, and the tables must be equal row for row.
 */
class SqlAgreementTest {
  static final AddressClasses CLASSES =
      AddressClasses.of(
          List.of("10.0.0.0/16"),
          List.of(
              new AddressClasses.Range("52.216.0.0/15", "pl-63a5400a"),
              new AddressClasses.Range("54.231.0.0/16", "pl-63a5400a")));
  static final long START = 1_764_000_000L;

  @TempDir Path dir;

  @Test
  void theSqlAndTheLocalAnalyserGiveTheSameTablesForTheFullVersion7Format() throws Exception {
    agree(FlowFormat.parse(SyntheticFlows.FULL), null, null);
  }

  @Test
  void theyAgreeOnTheDefaultFormatWithoutFlagsOrDirections() throws Exception {
    agree(FlowFormat.DEFAULT, null, null);
  }

  @Test
  void theyAgreeOnAWindowThatCutsTheRecords() throws Exception {
    agree(
        FlowFormat.parse(SyntheticFlows.FULL),
        Instant.ofEpochSecond(START + 600),
        Instant.ofEpochSecond(START + 1200));
  }

  private void agree(FlowFormat format, Instant from, Instant to) throws Exception {
    Path a = dir.resolve("a.log.gz");
    Path b = dir.resolve("b.log.gz");
    new SyntheticFlows(format, 7, 40, START).write(a, 20_000);
    new SyntheticFlows(format, 8, 40, START).write(b, 20_000);

    FlowReader reader = new FlowReader(CLASSES, from, to, null, null);
    reader.read(FlowSource.file(a, null));
    reader.read(FlowSource.file(b, null));
    FlowTables local = reader.tables();

    FlowTables sql = duckdb(format, List.of(a, b), from, to);

    assertThat(local.rejected()).isNotEmpty();
    assertThat(local.noReply()).isNotEmpty();
    assertThat(local.traffic()).extracting(FlowSummary.TrafficRow::dst).contains("pl-63a5400a");
    assertThat(sql.interfaces()).containsExactlyElementsOf(local.interfaces());
    assertThat(sql.rejected()).containsExactlyElementsOf(local.rejected());
    assertThat(sql.noReply()).containsExactlyElementsOf(local.noReply());
    assertThat(sql.traffic()).containsExactlyElementsOf(local.traffic());
  }

  static FlowTables duckdb(FlowFormat format, List<Path> files, Instant from, Instant to)
      throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      String columns =
          format.names().stream()
              .map(
                  n ->
                      "'"
                          + n.replace('-', '_')
                          + "': '"
                          + Field.byName(n)
                              .map(Field::hiveType)
                              .orElse("string")
                              .replace("string", "VARCHAR")
                          + "'")
              .collect(Collectors.joining(", "));
      String list =
          files.stream().map(p -> "'" + p.toAbsolutePath() + "'").collect(Collectors.joining(", "));
      st.execute(
          "CREATE TABLE flows AS SELECT * FROM read_csv(["
              + list
              + "], delim = ' ', header = true, nullstr = '-', auto_detect = false, columns = {"
              + columns
              + "})");
      FlowSql sql = new FlowSql("flows", format, CLASSES, from, to, null, null);
      List<FlowSummary.InterfaceRow> interfaces = new ArrayList<>();
      List<FlowSummary.RejectedRow> rejected = new ArrayList<>();
      List<FlowSummary.NoReplyRow> noReply = new ArrayList<>();
      List<FlowSummary.TrafficRow> traffic = new ArrayList<>();
      for (FlowSql.Query q : sql.queries()) {
        try (ResultSet rs = st.executeQuery(q.sql())) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= n; i++) row.add(rs.getString(i));
            switch (q.name()) {
              case "interfaces" -> interfaces.add(FlowRows.interfaceRow(row));
              case "rejected" -> rejected.add(FlowRows.rejectedRow(row));
              case "no_reply" -> noReply.add(FlowRows.noReplyRow(row));
              default -> traffic.add(FlowRows.trafficRow(row));
            }
          }
        }
      }
      return new FlowTables(interfaces, rejected, noReply, traffic);
    }
  }
}
