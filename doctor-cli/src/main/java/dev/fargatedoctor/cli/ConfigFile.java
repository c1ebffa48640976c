package dev.fargatedoctor.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.Configuration;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Thresholds;
import dev.fargatedoctor.snapshot.InputLimit;
import dev.fargatedoctor.snapshot.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code .fargate-doctor.yaml}. Strict on purpose: a typo in a key, an unknown check id or an
 * exclude without a reason is an error naming the line, because a silently ignored exclude is a
 * finding nobody sees.
 *
 * <pre>
 * exclude:
 *   - check: FLOWLOGS-MISSING
 *     resource: "vpc-0dev*"
 *     reason: development VPC, no flow logs by decision
 *     owner: platform-team          # optional
 *     expires: 2027-03-31           # optional: the last day it holds
 * severity:
 *   DEPLOY-NO-CIRCUIT-BREAKER: medium
 * thresholds:
 *   eniWarnPercent: 75
 *   eniCriticalPercent: 85
 *   stuckDeploymentMinutes: 45
 *   trendWindowHours: 12
 *   subnetIpReserve: 8
 *   vcpuWarnPercent: 80
 *   vcpuCriticalPercent: 90
 * </pre>
 */
final class ConfigFile {
  static final String DEFAULT_NAME = ".fargate-doctor.yaml";

  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  record Document(
      List<Exclude> exclude, Map<String, String> severity, ThresholdValues thresholds) {}

  record Exclude(
      @JsonProperty(required = true) String check,
      String resource,
      @JsonProperty(required = true) String reason,
      String owner,
      String expires) {}

  record ThresholdValues(
      Double eniWarnPercent,
      Double eniCriticalPercent,
      Long stuckDeploymentMinutes,
      Integer trendWindowHours,
      Integer subnetIpReserve,
      Double vcpuWarnPercent,
      Double vcpuCriticalPercent) {}

  // a configuration is a few dozen lines; anything near this is not one
  private static final InputLimit MAX_SIZE = InputLimit.ofMegabytes(1);

  private ConfigFile() {}

  /**
   * The given file, else {@code .fargate-doctor.yaml} in the working directory, else the defaults.
   */
  static Configuration load(Path explicit) {
    Path file = explicit != null ? explicit : Path.of(DEFAULT_NAME);
    if (explicit == null && !Files.isRegularFile(file)) return Configuration.DEFAULTS;
    String text;
    try (var in = MAX_SIZE.bound(Files.newInputStream(file))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (InputLimit.TooLarge e) {
      throw new InvalidInputException(
          file, "larger than 1 MiB: refused (a configuration is a few lines of YAML)");
    } catch (IOException e) {
      throw new InvalidInputException(file, "cannot read the configuration: " + e.getMessage());
    }
    Document doc;
    try {
      if (YAML.readTree(text) == null || YAML.readTree(text).isMissingNode()) {
        return new Configuration(
            List.of(), Map.of(), Thresholds.DEFAULTS, file.toString()); // only comments
      }
      doc = YAML.readValue(text, Document.class);
      // found by fuzzing: a root that is only an anchor or a null reads as no document at all
      if (doc == null)
        return new Configuration(List.of(), Map.of(), Thresholds.DEFAULTS, file.toString());
    } catch (UnrecognizedPropertyException e) {
      // YAML positions point past the value; the key's own line is what a reader needs
      throw at(
          file,
          text,
          e.getPropertyName() + ":",
          "unknown key '"
              + e.getPropertyName()
              + "' (known here: "
              + e.getKnownPropertyIds()
              + ")");
    } catch (JsonProcessingException e) {
      throw InvalidInputException.fromJson(file, e);
    }
    return new Configuration(
        excludes(file, text, doc),
        severities(file, text, doc),
        thresholds(file, text, doc),
        file.toString());
  }

  private static List<Configuration.Exclusion> excludes(Path file, String text, Document doc) {
    List<Configuration.Exclusion> out = new ArrayList<>();
    if (doc.exclude() == null) return out;
    for (int i = 0; i < doc.exclude().size(); i++) {
      Exclude e = doc.exclude().get(i);
      // found by fuzzing: "- " alone, or "reason: ~", reads as a null entry or field
      if (e == null || e.check() == null || e.check().isBlank())
        throw at(
            file,
            text,
            "exclude",
            "exclude["
                + i
                + "] names no check: each exclude has a check (an id, or *) and a reason");
      if (e.reason() == null || e.reason().isBlank())
        throw at(file, text, e.check(), "an exclude needs a reason (it is shown in every report)");
      if (!"*".equals(e.check())) requireKnown(file, text, e.check());
      out.add(
          new Configuration.Exclusion(
              e.check(), e.resource(), e.reason(), date(file, text, e.expires()), e.owner()));
    }
    return out;
  }

  // An ISO date, 2027-03-31: the last day the exclude holds.
  private static LocalDate date(Path file, String text, String value) {
    if (value == null) return null;
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw at(
          file,
          text,
          "expires: " + value,
          "expires must be a date such as 2027-03-31 (the last day the exclude holds), not '"
              + value
              + "'");
    }
  }

  private static Map<String, Severity> severities(Path file, String text, Document doc) {
    Map<String, Severity> out = new LinkedHashMap<>();
    if (doc.severity() == null) return out;
    for (Map.Entry<String, String> e : doc.severity().entrySet()) {
      String id = e.getKey().toUpperCase(Locale.ROOT);
      requireKnown(file, text, e.getKey());
      try {
        out.put(id, Severity.parse(e.getValue()));
      } catch (IllegalArgumentException bad) {
        throw at(file, text, e.getKey(), bad.getMessage());
      }
    }
    return out;
  }

  private static Thresholds thresholds(Path file, String text, Document doc) {
    ThresholdValues t = doc.thresholds();
    if (t == null) return Thresholds.DEFAULTS;
    Thresholds.Builder b = Thresholds.builder();
    if (t.eniWarnPercent() != null) b.eniWarnPercent(t.eniWarnPercent());
    if (t.eniCriticalPercent() != null) b.eniCriticalPercent(t.eniCriticalPercent());
    if (t.stuckDeploymentMinutes() != null) b.stuckDeploymentMinutes(t.stuckDeploymentMinutes());
    if (t.trendWindowHours() != null) b.trendWindowHours(t.trendWindowHours());
    if (t.subnetIpReserve() != null) b.subnetIpReserve(t.subnetIpReserve());
    if (t.vcpuWarnPercent() != null) b.vcpuWarnPercent(t.vcpuWarnPercent());
    if (t.vcpuCriticalPercent() != null) b.vcpuCriticalPercent(t.vcpuCriticalPercent());
    try {
      return b.build();
    } catch (IllegalArgumentException bad) {
      throw at(file, text, "thresholds", bad.getMessage());
    }
  }

  private static void requireKnown(Path file, String text, String id) {
    if (CheckRegistry.byId(id).isEmpty()) {
      throw at(file, text, id, "unknown check id '" + id + "' (see `fargate-doctor checks`)");
    }
  }

  // Semantic errors come after binding, where YAML positions are gone: point at the first line that
  // mentions the offending text.
  private static InvalidInputException at(Path file, String text, String needle, String message) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int col = lines[i].indexOf(needle);
      if (col >= 0) return new InvalidInputException(file.toString(), i + 1, col + 1, message);
    }
    return new InvalidInputException(file, message);
  }
}
