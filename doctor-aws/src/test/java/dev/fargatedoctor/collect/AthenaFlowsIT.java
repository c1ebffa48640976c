package dev.fargatedoctor.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.flows.FlowFormat;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.flows.FlowSummary;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import dev.fargatedoctor.testkit.MotoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/**
 * The Athena call sequence on moto: StartQueryExecution for the DDL and the four analyses, polling
 * GetQueryExecution until each ends, GetQueryResults read through the paginator into the flow rows,
 * and a query that outlives its timeout stopped (StopQueryExecution, CANCELLED). moto runs no SQL:
 * it returns results queued through its moto-api, in the order queries start.
 */
@ExtendWith(MotoExtension.class)
class AthenaFlowsIT {
  static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
  static final AthenaFlows.Settings SETTINGS =
      new AthenaFlows.Settings(
          "primary",
          "flowlogs",
          "vpc_flow_logs",
          "s3://flow-bucket/prod",
          true,
          "s3://results/",
          Duration.ofSeconds(30));

  private MotoServer moto;

  @AfterEach
  void manualStatesOff() throws Exception {
    if (moto != null)
      post("/moto-api/state-manager/unset-transition", "{\"model_name\":\"athena::execution\"}");
  }

  private void post(String path, String json) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(moto.endpoint() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + " " + r.body()).isBetween(200, 299);
  }

  private static String rows(List<List<String>> rows) {
    return rows.stream()
        .map(
            r ->
                "{\"Data\":["
                    + r.stream()
                        .map(v -> v == null ? "{}" : "{\"VarCharValue\":\"" + v + "\"}")
                        .collect(Collectors.joining(","))
                    + "]}")
        .collect(Collectors.joining(",", "{\"rows\":[", "]}"));
  }

  private void queue(List<List<List<String>>> results) throws Exception {
    post(
        "/moto-api/static/athena/query-results",
        results.stream()
            .map(AthenaFlowsIT::rows)
            .collect(Collectors.joining(",", "{\"region\":\"us-east-1\",\"results\":[", "]}")));
  }

  private static List<String> header(int n) {
    List<String> h = new ArrayList<>();
    for (int i = 0; i < n; i++) h.add("_col" + i);
    return h;
  }

  static final long T = NOW.getEpochSecond() - 600;

  private void queueAnalyses() throws Exception {
    queue(
        List.of(
            List.of(header(1)), // CREATE DATABASE
            List.of(header(1)), // CREATE TABLE
            List.of(
                header(10),
                List.of(
                    "eni-0a",
                    "vpc-1",
                    "subnet-a",
                    "use1-az6",
                    "production",
                    "api",
                    "abc",
                    "40",
                    "2",
                    "0")),
            List.of(
                header(14),
                java.util.Arrays.asList(
                    "eni-0a",
                    "52.216.1.1",
                    "10.9.1.5",
                    "6",
                    "443",
                    "0",
                    "ingress",
                    "3",
                    "6",
                    "360",
                    "41000",
                    "41900",
                    Long.toString(T),
                    Long.toString(T + 60))),
            List.of(
                header(9),
                List.of(
                    "eni-0a",
                    "10.9.1.5",
                    "198.51.100.20",
                    "443",
                    "5",
                    "0",
                    "15",
                    Long.toString(T),
                    Long.toString(T + 60))),
            List.of(
                header(8),
                java.util.Arrays.asList(
                    "eni-0a", "10.9.1.5", "0.0.0.0/0", "AMAZON", "egress", "4", "40", "4000"),
                java.util.Arrays.asList(
                    "eni-0a", "10.9.1.5", "10.9.2.7", null, null, "1", "2", "100"))));
  }

  private AwsClients clients(ApiCallRecorder recorder) {
    return new AwsClients(
        AwsSettings.defaults().withEndpoint(moto.endpoint()).withMaxAttempts(2), recorder);
  }

  @Test
  void theAnalysesRunAsQueriesAndTheirPagesBecomeTheSameRowsAsLocally(MotoServer server)
      throws Exception {
    moto = server;
    moto.reset();
    queueAnalyses();
    ApiCallRecorder recorder = new ApiCallRecorder();
    List<Coverage> coverage = new ArrayList<>();
    RegionSnapshot region;
    try (AwsClients clients = clients(recorder)) {
      AthenaFlows flows =
          new AthenaFlows(clients.athena("us-east-1"), Clock.fixed(NOW, ZoneOffset.UTC), d -> {});
      region =
          flows.run(
              new RegionSnapshot("us-east-1", null, null, null),
              MotoEnvironment.ACCOUNT,
              SETTINGS,
              FlowFormat.DEFAULT,
              NOW.minus(Duration.ofMinutes(30)),
              NOW,
              coverage);
      // what moto was asked: the table over the standard layout, with partition projection
      AthenaClient athena = clients.athena("us-east-1");
      List<String> queries = new ArrayList<>();
      for (String id :
          athena.listQueryExecutions(b -> b.workGroup("primary")).queryExecutionIds()) {
        queries.add(athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution().query());
      }
      assertThat(queries)
          .anyMatch(
              q ->
                  q.startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS `flowlogs`.`vpc_flow_logs`")
                      && q.contains("'projection.day.type'='date'")
                      && q.contains(
                          "s3://flow-bucket/prod/AWSLogs/"
                              + MotoEnvironment.ACCOUNT
                              + "/vpcflowlogs/us-east-1/${day}"))
          .anyMatch(
              q ->
                  q.contains("day BETWEEN '2026/12/02' AND '2026/12/04'")
                      && q.contains("act = 'REJECT'"));
    }
    assertThat(coverage)
        .singleElement()
        .satisfies(c -> assertThat(c.outcome()).isEqualTo(Coverage.Outcome.OK));
    FlowSummary s = region.flows();
    assertThat(s.counts().records()).isEqualTo(40);
    assertThat(s.interfaces())
        .singleElement()
        .satisfies(i -> assertThat(i.ecsServiceName()).isEqualTo("api"));
    assertThat(s.rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.serverIsDst()).isFalse();
              assertThat(r.clientPortMax()).isEqualTo(41900);
            });
    assertThat(s.noReply()).singleElement().satisfies(n -> assertThat(n.unanswered()).isEqualTo(5));
    assertThat(s.traffic()).hasSize(2).anySatisfy(t -> assertThat(t.awsService()).isNull());
    assertThat(recorder.calls())
        .containsEntry("athena:StartQueryExecution", 6)
        .containsKey("athena:GetQueryResults");
  }

  @Test
  void aQueryIsPolledUntilItEnds(MotoServer server) throws Exception {
    moto = server;
    moto.reset();
    post(
        "/moto-api/state-manager/set-transition",
        "{\"model_name\":\"athena::execution\",\"transition\":{\"progression\":\"manual\",\"times\":3}}");
    queueAnalyses();
    ApiCallRecorder recorder = new ApiCallRecorder();
    List<Duration> waits = new ArrayList<>();
    List<Coverage> coverage = new ArrayList<>();
    try (AwsClients clients = clients(recorder)) {
      new AthenaFlows(clients.athena("us-east-1"), Clock.fixed(NOW, ZoneOffset.UTC), waits::add)
          .run(
              new RegionSnapshot("us-east-1", null, null, null),
              MotoEnvironment.ACCOUNT,
              SETTINGS,
              FlowFormat.DEFAULT,
              NOW.minus(Duration.ofMinutes(30)),
              NOW,
              coverage);
    }
    assertThat(coverage)
        .singleElement()
        .satisfies(c -> assertThat(c.outcome()).isEqualTo(Coverage.Outcome.OK));
    // QUEUED, RUNNING, SUCCEEDED: polled several times per query, waiting longer each time
    assertThat(recorder.calls().get("athena:GetQueryExecution")).isGreaterThan(6 * 2);
    assertThat(waits).isNotEmpty().contains(Duration.ofMillis(250), Duration.ofMillis(500));
  }

  @Test
  void aQueryThatOutlivesItsTimeoutIsStoppedAndReportedAsATimeout(MotoServer server)
      throws Exception {
    moto = server;
    moto.reset();
    post(
        "/moto-api/state-manager/set-transition",
        "{\"model_name\":\"athena::execution\",\"transition\":{\"progression\":\"manual\",\"times\":1000000}}");
    ApiCallRecorder recorder = new ApiCallRecorder();
    List<Coverage> coverage = new ArrayList<>();
    Instant[] now = {NOW};
    Clock ticking =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId z) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    RegionSnapshot region;
    try (AwsClients clients = clients(recorder)) {
      AthenaFlows flows =
          new AthenaFlows(clients.athena("us-east-1"), ticking, d -> now[0] = now[0].plus(d));
      region =
          flows.run(
              new RegionSnapshot("us-east-1", null, null, null),
              MotoEnvironment.ACCOUNT,
              new AthenaFlows.Settings(
                  "primary",
                  "flowlogs",
                  "vpc_flow_logs",
                  "s3://b/p",
                  false,
                  null,
                  Duration.ofSeconds(20)),
              FlowFormat.DEFAULT,
              NOW.minus(Duration.ofMinutes(30)),
              NOW,
              coverage);
      AthenaClient athena = clients.athena("us-east-1");
      String id =
          athena.listQueryExecutions(b -> b.workGroup("primary")).queryExecutionIds().get(0);
      assertThat(
              athena
                  .getQueryExecution(b -> b.queryExecutionId(id))
                  .queryExecution()
                  .status()
                  .state())
          .isEqualTo(QueryExecutionState.CANCELLED);
    }
    assertThat(region.flows()).isNull();
    assertThat(coverage)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.outcome()).isEqualTo(Coverage.Outcome.TIMEOUT);
              assertThat(c.message()).contains("after 20 s: stopped");
            });
    assertThat(recorder.calls()).containsEntry("athena:StopQueryExecution", 1);
  }
}
