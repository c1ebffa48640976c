package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.JsonSchemas;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * SARIF, JUnit XML, OCSF and ASFF, run as a user would on the demo, each validated against the
 * required fields of its format (docs/schemas/external/) and read back for what a consumer uses.
 */
class ExchangeFormatsTest {

  @Test
  void sarifHasARuleWithDocsPerCheckAndLevelsAndFingerprintsPerResult() throws Exception {
    Run run = Run.of("demo", "--output", "sarif");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(JsonSchemas.problems("external/sarif-2.1.0.required.schema.json", run.out()))
        .isEmpty();
    JsonNode sarif = SnapshotJson.mapper().readTree(run.out());
    JsonNode driver = sarif.at("/runs/0/tool/driver");
    assertThat(driver.get("rules")).hasSize(CheckRegistry.all().size());
    assertThat(driver.at("/rules/0/help/markdown").asText()).startsWith("# ");
    JsonNode results = sarif.at("/runs/0/results");
    Set<String> fingerprints = new HashSet<>();
    for (JsonNode r : results) {
      fingerprints.add(r.at("/partialFingerprints/fargateDoctorFingerprint~1v1").asText());
      String rule = r.get("ruleId").asText();
      assertThat(driver.get("rules").get(r.get("ruleIndex").asInt()).get("id").asText())
          .isEqualTo(rule);
    }
    assertThat(fingerprints).hasSize(results.size()).allMatch(f -> f.matches("[0-9a-f]{32}"));
    assertThat(results)
        .anySatisfy(
            r -> {
              assertThat(r.get("ruleId").asText()).isEqualTo("EXEC-ROLE-TRUST");
              assertThat(r.get("level").asText()).isEqualTo("error");
            })
        .anySatisfy(r -> assertThat(r.get("level").asText()).isEqualTo("warning"))
        .anySatisfy(r -> assertThat(r.get("level").asText()).isEqualTo("note"))
        .anySatisfy(r -> assertThat(r.get("kind").asText()).isEqualTo("review"));
  }

  @Test
  void junitHasATestCasePerCheckAndResourceWithPassesAndFailures() throws Exception {
    Run run = Run.of("demo", "--output", "junit");
    assertThat(run.exitCode()).isEqualTo(1);
    validateXml(run.out());
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader(run.out())));
    NodeList suites = doc.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).isEqualTo(CheckRegistry.all().size());
    NodeList cases = doc.getElementsByTagName("testcase");
    int failures = doc.getElementsByTagName("failure").getLength();
    int errors = doc.getElementsByTagName("error").getLength();
    Element root = doc.getDocumentElement();
    assertThat(Integer.parseInt(root.getAttribute("tests"))).isEqualTo(cases.getLength());
    assertThat(Integer.parseInt(root.getAttribute("failures"))).isEqualTo(failures);
    assertThat(Integer.parseInt(root.getAttribute("errors"))).isEqualTo(errors);
    assertThat(failures).isPositive();
    assertThat(errors).isPositive(); // the throttled API: UNKNOWN is an error, never a pass
    assertThat(cases.getLength() - failures - errors).as("passing cases").isPositive();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      names.add(c.getAttribute("classname") + " " + c.getAttribute("name"));
    }
    assertThat(names)
        .doesNotHaveDuplicates()
        .contains("fargate-doctor.EXEC-ROLE-TRUST iam-role checkout-execution");
  }

  @Test
  void ocsfHasOneDetectionFindingPerFinding() throws Exception {
    Run run = Run.of("demo", "--output", "ocsf");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(
            JsonSchemas.problems(
                "external/ocsf-1.1-detection-finding.required.schema.json", run.out()))
        .isEmpty();
    JsonNode ocsf = SnapshotJson.mapper().readTree(run.out());
    JsonNode json = SnapshotJson.mapper().readTree(Run.of("demo", "--output", "json").out());
    assertThat(ocsf).hasSize(json.get("findings").size());
    assertThat(ocsf.get(0).at("/finding_info/uid").asText())
        .isEqualTo(json.at("/findings/0/fingerprint").asText());
    assertThat(ocsf.get(0).at("/severity_id").asInt()).isEqualTo(5); // the first finding: CRITICAL
    assertThat(ocsf.get(0).at("/cloud/account/uid").asText()).isEqualTo("111122223333");
  }

  @Test
  void asffHasTheRequiredAttributesWithinSecurityHubsLimits() throws Exception {
    Run run = Run.of("demo", "--output", "asff", "--include-passed");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(JsonSchemas.problems("external/asff-2018-10-08.required.schema.json", run.out()))
        .isEmpty();
    JsonNode asff = SnapshotJson.mapper().readTree(run.out());
    Set<String> ids = new HashSet<>();
    asff.forEach(f -> ids.add(f.get("Id").asText()));
    assertThat(ids).hasSize(asff.size());
    assertThat(asff)
        .anySatisfy(f -> assertThat(f.at("/Compliance/Status").asText()).isEqualTo("PASSED"))
        .anySatisfy(f -> assertThat(f.at("/Severity/Label").asText()).isEqualTo("CRITICAL"));
  }

  @Test
  void theRequiredFieldSchemasCatchAnIncompleteDocument() {
    assertThat(
            JsonSchemas.problems(
                "external/asff-2018-10-08.required.schema.json", "[{\"Id\":\"x\"}]"))
        .isNotEmpty();
    assertThat(
            JsonSchemas.problems(
                "external/sarif-2.1.0.required.schema.json",
                "{\"version\":\"2.1.0\",\"runs\":[{}]}"))
        .isNotEmpty();
    assertThat(
            JsonSchemas.problems(
                "external/ocsf-1.1-detection-finding.required.schema.json",
                "[{\"class_uid\":2004}]"))
        .isNotEmpty();
  }

  @Test
  void formatNamesAreCaseInsensitive() {
    assertThat(Run.of("demo", "-o", "SARIF").out()).contains("\"version\" : \"2.1.0\"");
  }

  static void validateXml(String xml) throws Exception {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    factory
        .newSchema(JsonSchemas.directory().resolve("external/junit.required.xsd").toFile())
        .newValidator()
        .validate(new StreamSource(new StringReader(xml)));
  }
}
