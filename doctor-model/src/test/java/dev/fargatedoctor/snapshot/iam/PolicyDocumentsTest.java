package dev.fargatedoctor.snapshot.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyDocumentsTest {

  /**
   * A trust policy as IAM's API returns it: RFC 3986 URL-encoded, '+' as %2B, '/' as %2F, '*' as
   * %2A.
   */
  private static final String IAM_ENCODED_TRUST_POLICY =
      "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22"
          + "%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ecs-tasks.amazonaws.com%22"
          + "%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%2C%22Condition%22%3A%7B%22StringEquals%22%3A%7B%22aws%3A"
          + "SourceAccount%22%3A%22123456789012%22%7D%2C%22StringLike%22%3A%7B%22aws%3ASourceArn%22%3A%22arn%3Aaws"
          + "%3Aecs%3Aus-east-1%3A123456789012%3Atask%2Fa%2Bb%2A%22%7D%7D%7D%5D%7D";

  @Test
  void aUrlEncodedDocumentIsDecodedToJson() {
    JsonNode doc = PolicyDocuments.decode(IAM_ENCODED_TRUST_POLICY);

    assertThat(doc.isObject()).isTrue();
    JsonNode statement = doc.get("Statement").get(0);
    assertThat(statement.get("Principal").get("Service").asText())
        .isEqualTo("ecs-tasks.amazonaws.com");
    assertThat(statement.at("/Condition/StringEquals/aws:SourceAccount").asText())
        .isEqualTo("123456789012");
    assertThat(statement.at("/Condition/StringLike/aws:SourceArn").asText())
        .isEqualTo("arn:aws:ecs:us-east-1:123456789012:task/a+b*");
  }

  @Test
  void aPlusInPlainJsonStaysAPlus() {
    // moto and some APIs send the document as plain JSON; URL-decoding it would turn '+' into ' '.
    JsonNode doc =
        PolicyDocuments.decode(
            """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::shop-orders/*",
          "Condition": {"StringEquals": {"s3:prefix": "orders+returns"}}}]}
        """);

    assertThat(doc.at("/Statement/0/Condition/StringEquals/s3:prefix").asText())
        .isEqualTo("orders+returns");
  }

  @Test
  void plainJsonIsNotUrlDecodedEvenWhenItContainsPercentSigns() {
    JsonNode doc = PolicyDocuments.decode("{\"Sid\": \"100%2B sure\"}");

    assertThat(doc.get("Sid").asText()).isEqualTo("100%2B sure");
  }

  @Test
  void plainJsonAfterLeadingWhitespaceIsRecognised() {
    JsonNode doc = PolicyDocuments.decode("\n   {\"Version\": \"2012-10-17\", \"Sid\": \"a+b\"}");

    assertThat(doc.get("Sid").asText()).isEqualTo("a+b");
  }

  @Test
  void formEncodedSpacesAreDecoded() {
    JsonNode doc = PolicyDocuments.decode("%7B%22Sid%22%3A%22allow+ecs+tasks%22%7D");

    assertThat(doc.get("Sid").asText()).isEqualTo("allow ecs tasks");
  }

  @Test
  void encodedUtf8IsDecoded() {
    JsonNode doc = PolicyDocuments.decode("%7B%22Sid%22%3A%22caf%C3%A9%22%7D");

    assertThat(doc.get("Sid").asText()).isEqualTo("café");
  }

  @Test
  void invalidPlainJsonIsKeptAsText() {
    String broken = "{\"Version\": \"2012-10-17\", \"Statement\": [";

    JsonNode doc = PolicyDocuments.decode(broken);

    assertThat(doc.isTextual()).isTrue();
    assertThat(doc.asText()).isEqualTo(broken);
  }

  @Test
  void invalidEncodedJsonIsKeptAsDecodedText() {
    JsonNode doc =
        PolicyDocuments.decode("%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B");

    assertThat(doc.isTextual()).isTrue();
    assertThat(doc.asText()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[");
  }

  @Test
  void aMalformedEscapeIsKeptAsTheRawText() {
    String raw = "%7B%22Version%22%3A%2";

    JsonNode doc = PolicyDocuments.decode(raw);

    assertThat(doc.isTextual()).isTrue();
    assertThat(doc.asText()).isEqualTo(raw);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"Version\": \"2012-10-17\"} {\"Statement\": []}       | {\"Version\": \"2012-10-17\"} {\"Statement\": []}",
        "{\"Version\": \"2012-10-17\"} trailing                   | {\"Version\": \"2012-10-17\"} trailing",
        "%7B%22Version%22%3A%222012-10-17%22%7D%20trailing | {\"Version\":\"2012-10-17\"} trailing",
      })
  void aDocumentWithTrailingContentIsNotValidJsonAndIsKeptAsText(String raw, String text) {
    JsonNode doc = PolicyDocuments.decode(raw);

    assertThat(doc.isTextual()).as(String.valueOf(doc)).isTrue();
    assertThat(doc.asText()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void anEmptyDocumentIsKeptAsText(String raw) {
    JsonNode doc = PolicyDocuments.decode(raw);

    assertThat(doc.isTextual()).as(String.valueOf(doc)).isTrue();
    assertThat(doc.asText()).isEqualTo(raw);
  }

  @Test
  void noDocumentIsNull() {
    assertThat(PolicyDocuments.decode(null)).isNull();
  }

  @Test
  void aDecodedDocumentKeptAsTextSurvivesASnapshotRoundTrip() throws IOException {
    Role role =
        new Role(
            "r",
            "arn:aws:iam::123456789012:role/r",
            null,
            "/",
            PolicyDocuments.decode("%7Bbroken"),
            null,
            null,
            null);
    var mapper = SnapshotJson.mapper();

    Role back = mapper.readValue(mapper.writeValueAsString(role), Role.class);

    assertThat(back).isEqualTo(role);
    assertThat(back.assumeRolePolicyDocument().asText()).isEqualTo("{broken");
  }
}
