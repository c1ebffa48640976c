package dev.fargatedoctor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.report.JsonReport;
import dev.fargatedoctor.report.OrgJsonReport;
import dev.fargatedoctor.report.Score;
import dev.fargatedoctor.snapshot.InputLimit;
import dev.fargatedoctor.snapshot.InvalidInputException;
import dev.fargatedoctor.snapshot.SnapshotFiles;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Work with JSON reports: combine those of several shards or accounts into one.",
    subcommands = {ReportCommand.Merge.class})
final class ReportCommand {

  @Command(
      name = "merge",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Combine JSON reports (organisation reports of `scan --org --shard I/N -o json`, or"
            + " single-account reports) into one fargate-doctor/org-report/v1 document, its"
            + " summary computed anew over every account. An account found in two reports is"
            + " bad input. A single-account report adds no quota row to the summary."
      })
  static final class Merge implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "REPORT", description = "JSON reports to combine.")
    List<Path> reports;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "Write to FILE (whole or not at all).")
    Path out;

    @Option(
        names = "--max-input-mb",
        paramLabel = "MB",
        description = "Refuse a report larger than MB (default: ${DEFAULT-VALUE}).")
    long maxInputMb = InputLimit.DEFAULT_MEGABYTES;

    @Spec CommandSpec spec;

    private final Context context;

    Merge(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      OutputFile.check(out, "--out");
      ObjectMapper m = SnapshotJson.mapper();
      Map<String, ObjectNode> accounts = new LinkedHashMap<>();
      Map<String, Path> from = new LinkedHashMap<>();
      List<JsonNode> capacity = new ArrayList<>();
      Map<String, List<ObjectNode>> shared = new java.util.TreeMap<>();
      for (Path file : reports) {
        JsonNode doc = read(file);
        String schema = doc.path("schema").asText();
        List<ObjectNode> found = new ArrayList<>();
        if (schema.equals(OrgJsonReport.SCHEMA)) {
          doc.path("accounts").forEach(a -> found.add((ObjectNode) a));
          doc.path("summary").path("capacity").forEach(capacity::add);
          doc.path("summary")
              .path("sharedSubnets")
              .forEach(
                  n ->
                      shared
                          .computeIfAbsent(
                              n.path("region").asText() + "|" + n.path("subnetId").asText(),
                              k -> new ArrayList<>())
                          .add((ObjectNode) n));
        } else if (schema.equals(JsonReport.SCHEMA)) {
          found.add(wrap(m, doc, file));
        } else {
          throw new InvalidInputException(
              file.toString(),
              0,
              0,
              "schema is '"
                  + schema
                  + "', not a Fargate Doctor report ("
                  + OrgJsonReport.SCHEMA
                  + " or "
                  + JsonReport.SCHEMA
                  + ")");
        }
        for (ObjectNode a : found) {
          String id = a.path("account").asText();
          Path other = from.putIfAbsent(id, file);
          if (other != null) {
            throw new InvalidInputException(
                file.toString(), 0, 0, "account " + id + " is also in " + other + ": keep one");
          }
          accounts.put(id, a);
        }
      }
      ObjectNode merged = merge(m, accounts, capacity);
      ((ObjectNode) merged.path("summary"))
          .set("sharedSubnets", sharedSubnets(m, shared, accounts));
      TextOut.write(
          m.writerWithDefaultPrettyPrinter().writeValueAsString(merged) + System.lineSeparator(),
          out,
          spec.commandLine().getOut());
      return ExitCodes.OK;
    }

    /**
     * Each report's verdicts on shared subnets, as they were judged. A subnet two reports judged
     * was split between shards: each saw only its own accounts, so it is UNKNOWN here, and reading
     * the shards' snapshot directories together judges it whole.
     */
    private static ArrayNode sharedSubnets(
        ObjectMapper m, Map<String, List<ObjectNode>> shared, Map<String, ObjectNode> accounts) {
      ArrayNode out = m.createArrayNode();
      for (List<ObjectNode> judged : shared.values()) {
        ObjectNode first = judged.get(0).deepCopy();
        if (judged.size() > 1) {
          first.put("status", "UNKNOWN");
          first.put("severity", "HIGH");
          first.put(
              "title",
              first.path("subnetId").asText()
                  + " is used by accounts in "
                  + judged.size()
                  + " of the merged reports, each judged on its own accounts only: scan their"
                  + " snapshot directories together (scan --snapshot-dir A --snapshot-dir B) to add"
                  + " every account's peak up");
          ArrayNode users = m.createArrayNode();
          java.util.Set<String> seen = new java.util.HashSet<>();
          for (ObjectNode j : judged)
            j.path("accounts")
                .forEach(
                    u -> {
                      if (u.path("scanned").asBoolean() && seen.add(u.path("account").asText()))
                        users.add(u);
                    });
          for (ObjectNode j : judged)
            j.path("accounts")
                .forEach(
                    u -> {
                      if (seen.add(u.path("account").asText())) users.add(u);
                    });
          first.set("accounts", users);
        }
        // an account another report holds gives its name
        for (JsonNode u : first.path("accounts")) {
          ObjectNode known = accounts.get(u.path("account").asText());
          if (u.path("name").isNull() && known != null && !known.path("name").isNull())
            ((ObjectNode) u).set("name", known.path("name"));
        }
        out.add(first);
      }
      return out;
    }

    private JsonNode read(Path file) {
      try (InputStream in = SnapshotFiles.open(file, InputLimit.ofMegabytes(maxInputMb))) {
        return SnapshotJson.mapper().readTree(in);
      } catch (IOException e) {
        throw SnapshotFiles.refused(file.toString(), e);
      }
    }

    // A single-account report as the organisation report holds an account.
    private static ObjectNode wrap(ObjectMapper m, JsonNode report, Path file) {
      String id = report.path("account").asText("");
      if (!id.matches("\\d{12}")) {
        throw new InvalidInputException(
            file.toString(),
            0,
            0,
            "account: the report names no account id, so it cannot be merged");
      }
      ObjectNode a = m.createObjectNode();
      a.put("account", id);
      a.putNull("name");
      a.set("regions", report.path("regions"));
      a.put("scanned", true);
      a.putArray("notScanned");
      a.set("problemsBySeverity", report.path("summary").path("problemsBySeverity"));
      a.put("score", report.path("summary").path("score").asInt());
      a.set("report", report);
      return a;
    }

    private ObjectNode merge(
        ObjectMapper m, Map<String, ObjectNode> accounts, List<JsonNode> capacity) {
      ObjectNode root = m.createObjectNode();
      root.put("schema", OrgJsonReport.SCHEMA);
      root.put("generatedAt", context.clock().instant().toString());
      root.put(
          "source", "merged: " + String.join(", ", reports.stream().map(Path::toString).toList()));
      root.putNull("caller");
      ObjectNode summary = root.putObject("summary");
      List<ObjectNode> sorted =
          accounts.values().stream()
              .sorted(Comparator.comparing(a -> a.path("account").asText()))
              .toList();
      summary.put("accounts", sorted.size());
      summary.put(
          "accountsScanned",
          (int) sorted.stream().filter(a -> a.path("scanned").asBoolean()).count());
      TreeSet<String> regions = new TreeSet<>();
      sorted.forEach(a -> a.path("regions").forEach(r -> regions.add(r.asText())));
      ArrayNode regionList = summary.putArray("regions");
      regions.forEach(regionList::add);
      ObjectNode bySeverity = summary.putObject("problemsBySeverity");
      for (Severity s : Severity.values()) {
        bySeverity.put(
            s.name(),
            sorted.stream()
                .mapToInt(a -> a.path("problemsBySeverity").path(s.name()).asInt())
                .sum());
      }
      summary.put(
          "unknown",
          sorted.stream()
              .mapToInt(
                  a ->
                      a.path("notScanned").size()
                          + a.path("report")
                              .path("summary")
                              .path("byStatus")
                              .path("UNKNOWN")
                              .asInt())
              .sum());
      ObjectNode weakest =
          sorted.stream()
              .filter(a -> a.path("scanned").asBoolean() && a.path("score").isNumber())
              .min(Comparator.comparingInt(a -> a.path("score").asInt()))
              .orElse(null);
      int score = weakest == null ? 0 : weakest.path("score").asInt();
      summary.put("score", score);
      summary.put("grade", Score.grade(score));
      summary.put("scoredBy", weakest == null ? null : weakest.path("account").asText());
      ArrayNode rows = summary.putArray("capacity");
      capacity.stream()
          .filter(c -> accounts.containsKey(c.path("account").asText()))
          .sorted(
              Comparator.comparingDouble(
                      (JsonNode c) ->
                          c.path("networkInterfacePercent").isNumber()
                              ? c.path("networkInterfacePercent").asDouble()
                              : -1.0)
                  .reversed()
                  .thenComparing(c -> c.path("account").asText())
                  .thenComparing(c -> c.path("region").asText()))
          .forEach(rows::add);
      ArrayNode list = root.putArray("accounts");
      sorted.forEach(list::add);
      return root;
    }
  }
}
