package dev.fargatedoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.CheckEngine;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Thresholds;
import dev.fargatedoctor.snapshot.testing.Fixtures;
import dev.fargatedoctor.testkit.JsonSchemas;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON report of every check fixture, passes included, follows docs/schemas/report. */
class ReportSchemaTest {

  // The fixtures are the checks module's; read from its sources so none is forgotten.
  static Stream<String> fixtures() throws IOException {
    Path dir = JsonSchemas.directory().resolve("../../doctor-checks/src/test/resources/fixtures");
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void everyFixtureReportFollowsTheSchema(String fixture) throws IOException {
    Diagnosis d =
        new CheckEngine(CheckRegistry.all(), CheckRunner.CLOCK, Thresholds.DEFAULTS)
            .run(Fixtures.snapshot(fixture));
    StringWriter out = new StringWriter();
    new JsonReport(CheckRunner.CLOCK, true).render(d, out);
    assertThat(JsonSchemas.problems("report.schema.json", out.toString())).isEmpty();
  }
}
