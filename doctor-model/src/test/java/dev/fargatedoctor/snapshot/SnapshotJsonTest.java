package dev.fargatedoctor.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import dev.fargatedoctor.snapshot.ec2.Route;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.Tag;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotJsonTest {

  private final ObjectMapper mapper = SnapshotJson.mapper();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"2023-07-21T15:45:33.532000+00:00\" | 2023-07-21T15:45:33.532Z", // aws CLI, ISO with
        // offset
        "\"2023-07-21T17:45:33.532000+02:00\" | 2023-07-21T15:45:33.532Z", // another offset, same
        // instant
        "\"2023-07-21T15:45:33.532Z\"         | 2023-07-21T15:45:33.532Z", // ISO with Z (snapshots,
        // EC2)
        "\"2023-07-21T15:45:33Z\"             | 2023-07-21T15:45:33Z",
        "\"2023-07-21T15:45:33.532\"          | 2023-07-21T15:45:33.532Z", // no zone: taken as UTC
        "1689954333.532                       | 2023-07-21T15:45:33.532Z", // epoch seconds with a
        // fraction (ECS)
        "1689954333.000001                    | 2023-07-21T15:45:33.000001Z",
        "1689954333                           | 2023-07-21T15:45:33Z", // whole epoch seconds
      })
  void timestampsAreReadInEveryFormAwsToolsWrite(String json, String expected)
      throws JsonProcessingException {
    Service.ServiceEvent event =
        mapper.readValue(
            "{\"id\": \"e\", \"createdAt\": " + json + "}", Service.ServiceEvent.class);

    assertThat(event.createdAt()).isEqualTo(Instant.parse(expected));
  }

  @Test
  void anEmptyTimestampIsNull() throws JsonProcessingException {
    assertThat(mapper.readValue("{\"createdAt\": \"\"}", Service.ServiceEvent.class).createdAt())
        .isNull();
    assertThat(mapper.readValue("{\"createdAt\": null}", Service.ServiceEvent.class).createdAt())
        .isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"yesterday\"", "\"21/07/2023 15:45\"", "true", "{}"})
  void aTimestampInNoKnownFormIsAnError(String json) {
    assertThatThrownBy(
            () -> mapper.readValue("{\"createdAt\": " + json + "}", Service.ServiceEvent.class))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void timestampsAreWrittenAsIsoTextWithFullPrecision() throws JsonProcessingException {
    Service.ServiceEvent event =
        new Service.ServiceEvent("e", Instant.parse("2023-07-21T15:45:33.123456789Z"), null);

    assertThat(mapper.readTree(mapper.writeValueAsString(event)).get("createdAt").asText())
        .isEqualTo("2023-07-21T15:45:33.123456789Z");
  }

  @Test
  void recordsUseAwsFieldNamesPascalCaseForEc2AndCamelCaseForEcs() throws JsonProcessingException {
    JsonNode nat =
        mapper.valueToTree(
            new NatGateway("nat-1", "subnet-1", null, "available", null, null, null, null, null));
    JsonNode event = mapper.valueToTree(new Service.ServiceEvent("e-1", null, "steady state"));

    assertThat(nat.fieldNames()).toIterable().containsExactly("NatGatewayId", "SubnetId", "State");
    assertThat(event.fieldNames()).toIterable().containsExactly("id", "message");
  }

  @Test
  void emptyListsAndNullsAreLeftOutButZerosAndFalseAreKept() throws JsonProcessingException {
    JsonNode deployment =
        mapper.valueToTree(
            new Service.Deployment(
                "d", "PRIMARY", null, 0, 0, 0, 0, null, null, null, null, null, null));
    JsonNode table = mapper.valueToTree(new RouteTable("rtb-1", null, List.of(), null, null));

    assertThat(deployment.get("failedTasks").asInt(-1)).isZero();
    assertThat(deployment.has("taskDefinition")).isFalse();
    assertThat(table.has("Routes")).isFalse();
    assertThat(
            mapper
                .valueToTree(
                    new TaskDefinition.ContainerDefinition(
                        "c", null, null, null, null, false, null, null, null, null, null, null,
                        null))
                .get("essential")
                .asBoolean(true))
        .isFalse();
  }

  @Test
  void anEmptyStringIsAValueAndIsKept() throws JsonProcessingException {
    // AWS gives "" for many things (an ENI without description, a tag without value, a stopped
    // reason):
    // a saved snapshot must read back "" and not null.
    NetworkInterface eni =
        mapper.readValue(
            "{\"NetworkInterfaceId\": \"eni-1\", \"Description\": \"\"}", NetworkInterface.class);
    Tag tag = new Tag("Environment", "");

    assertThat(
            mapper.readValue(mapper.writeValueAsString(eni), NetworkInterface.class).description())
        .isEmpty();
    assertThat(mapper.readValue(mapper.writeValueAsString(tag), Tag.class)).isEqualTo(tag);
  }

  @Test
  void derivedHelpersAreNotWritten() throws JsonProcessingException {
    // isBlackhole(), isMain(), isPublic(), isAvailable() are computed; AWS has no such fields.
    Route route = Route.of("0.0.0.0/0", "nat-1", "blackhole", "CreateRoute");
    RouteTable table =
        new RouteTable(
            "rtb-1",
            "vpc-1",
            List.of(route),
            List.of(new RouteTable.Association("rtbassoc-1", "rtb-1", null, null, true)),
            null);
    NatGateway nat =
        new NatGateway("nat-1", "subnet-1", "vpc-1", "available", null, null, null, null, null);

    assertThat(mapper.writeValueAsString(table))
        .doesNotContain("Blackhole")
        .containsOnlyOnce("\"Main\"");
    assertThat(mapper.writeValueAsString(nat)).doesNotContain("Public").doesNotContain("Available");
  }

  @Test
  void anUnknownFlagStaysUnknownThroughARoundTrip() throws JsonProcessingException {
    // isRequesterManaged() and isEssential() answer false / true for a missing value; writing them
    // would
    // turn "not reported" into a value AWS never gave.
    NetworkInterface eni =
        mapper.readValue("{\"NetworkInterfaceId\": \"eni-1\"}", NetworkInterface.class);
    TaskDefinition.ContainerDefinition container =
        mapper.readValue("{\"name\": \"web\"}", TaskDefinition.ContainerDefinition.class);

    assertThat(
            mapper
                .readValue(mapper.writeValueAsString(eni), NetworkInterface.class)
                .requesterManaged())
        .isNull();
    assertThat(
            mapper
                .readValue(
                    mapper.writeValueAsString(container), TaskDefinition.ContainerDefinition.class)
                .essential())
        .isNull();
    assertThat(container.isEssential()).isTrue();
  }

  @Test
  void enumsAreReadWhateverTheirCase() throws JsonProcessingException {
    Coverage c =
        mapper.readValue(
            "{\"region\": \"us-east-1\", \"action\": \"ec2:DescribeSubnets\", "
                + "\"outcome\": \"not_collected\", \"calls\": 0, \"retries\": 0}",
            Coverage.class);

    assertThat(c.outcome()).isEqualTo(Coverage.Outcome.NOT_COLLECTED);
    assertThat(c.collected()).isFalse();
  }
}
