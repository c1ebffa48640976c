package dev.fargatedoctor.agent.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

  @Test
  void parsesNestedStructuresInOrder() {
    Map<String, Object> root =
        Json.parseObject(
            " {\"b\": [1, -2.5, true, false, null, \"x\"], \"a\": {\"n\": {}}, \"e\": []} ");
    assertThat(root.keySet()).containsExactly("b", "a", "e");
    assertThat(JsonValues.array(root, "b"))
        .containsExactly(1L, new BigDecimal("-2.5"), true, false, null, "x");
    assertThat(JsonValues.object(JsonValues.object(root, "a"), "n")).isEmpty();
    assertThat(JsonValues.array(root, "e")).isEmpty();
  }

  @Test
  void keepsDockersUnlimitedMemoryAsALong() {
    // docker's "no limit" in the task stats example; it must not be rounded through a double
    Map<String, Object> root =
        Json.parseObject("{\"limit\": 9223372036854772000, \"big\": 18446744073709551615}");
    assertThat(JsonValues.whole(root, "limit")).isEqualTo(9223372036854772000L);
    assertThat(root.get("big")).isEqualTo(new BigDecimal("18446744073709551615"));
    assertThat(JsonValues.whole(root, "big")).isNull();
  }

  @Test
  void readsNumbersInEveryForm() {
    List<Object> values =
        JsonValues.array(Json.parseObject("{\"v\": [0, -0, 0.25, 1e3, 2E-2, 512.0]}"), "v");
    assertThat(values.get(0)).isEqualTo(0L);
    assertThat(values.get(2)).isEqualTo(new BigDecimal("0.25"));
    assertThat(((BigDecimal) values.get(3)).doubleValue()).isEqualTo(1000.0);
    assertThat(((BigDecimal) values.get(4)).doubleValue()).isEqualTo(0.02);
    assertThat(JsonValues.whole(Map.of("m", values.get(5)), "m")).isEqualTo(512L);
  }

  @Test
  void decodesEscapesAndSurrogatePairs() {
    Object s = Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00 raw\u00e9\"");
    assertThat(s).isEqualTo("q\" b\\ s/ \b\f\n\r\t \u00e9 \ud83d\ude00 raw\u00e9");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":1} x             | unexpected data after the JSON value",
        "{\"a\":1,\"a\":2}       | duplicate key",
        "[01]                    | leading zero",
        "[1.]                    | expected a digit after '.'",
        "[1e]                    | expected a digit in exponent",
        "[-]                     | expected a digit",
        "{\"a\" 1}               | expected ':'",
        "{a:1}                   | expected a string key",
        "[1 2]                   | expected ',' or ']'",
        "{\"a\":1 \"b\":2}       | expected ',' or '}'",
        "[tru]                   | invalid literal",
        "\"abc                   | unterminated string",
        "\"\\x\"                 | invalid escape",
        "\"\\u12zz\"             | invalid hex digit",
        "\"\\ud83d\"             | lone high surrogate",
        "\"\\ude00\"             | lone low surrogate",
        "[1,                     | unexpected end of input",
        "@                       | unexpected character",
      })
  void rejectsMalformedInputWithAnOffset(String input, String problem) {
    assertThatThrownBy(() -> Json.parse(input))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining(problem)
        .hasMessageContaining("at offset");
  }

  @Test
  void rejectsRawControlCharactersAndTruncation() {
    assertThatThrownBy(() -> Json.parse("\"a\nb\"")).hasMessageContaining("raw control character");
    String doc =
        "{\"Cluster\": \"arn:aws:ecs:us-east-1:123456789012:cluster/x\", \"Limits\": {\"CPU\": 0.2";
    assertThatThrownBy(() -> Json.parse(doc)).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> Json.parse("")).hasMessageContaining("unexpected end of input");
    assertThatThrownBy(() -> Json.parse(null)).hasMessageContaining("no JSON text");
    assertThatThrownBy(() -> Json.parseObject("[1]"))
        .hasMessageContaining("expected a JSON object");
  }

  @Test
  void anExponentBeyondRangeIsAJsonErrorNotANumberFormatException() {
    // Found by JsonFuzzTest.parse (crash input kept as JsonFuzzTestInputs/parse/exponent-too-long).
    assertThatThrownBy(() -> Json.parse("1111e" + "1".repeat(100)))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("number out of range");
    assertThatThrownBy(() -> Json.parse("[1e99999999999]")).isInstanceOf(JsonException.class);
  }

  @Test
  void refusesNumberLiteralsLongerThanTheLimit() {
    assertThatThrownBy(() -> Json.parse("1".repeat(Json.MAX_NUMBER_LENGTH + 1)))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("number longer than");
    assertThat(Json.parse("0." + "5".repeat(Json.MAX_NUMBER_LENGTH - 2))).isNotNull();
  }

  @Test
  void limitsNestingDepth() {
    String deep = "[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2);
    assertThatThrownBy(() -> Json.parse(deep)).hasMessageContaining("nesting deeper than");
    String fine = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
    assertThat(Json.parse(fine)).isInstanceOf(List.class);
  }

  @Test
  void typedLookupsTreatWrongTypesAsAbsent() {
    Map<String, Object> root = Json.parseObject("{\"s\": 1, \"n\": \"1\", \"o\": [], \"a\": {}}");
    assertThat(JsonValues.string(root, "s")).isNull();
    assertThat(JsonValues.whole(root, "n")).isNull();
    assertThat(JsonValues.object(root, "o")).isNull();
    assertThat(JsonValues.array(root, "a")).isNull();
    assertThat(JsonValues.decimal(root, "missing")).isNull();
    assertThat(JsonValues.string(null, "x")).isNull();
  }
}
