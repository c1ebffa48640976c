package dev.fargatedoctor.agent.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for the agent's own JSON reader (it parses task metadata). Its documented answer to
 * bad input is a {@link JsonException} with an offset inside the text: any other exception, a stack
 * overflow included, is a finding. What it accepts, the agent's writer must write back as JSON it
 * accepts again.
 */
class JsonFuzzTest {

  @FuzzTest
  void parse(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    Object value;
    try {
      value = Json.parse(text);
    } catch (JsonException documented) {
      assertThat(documented.getMessage()).isNotBlank();
      return;
    }
    String written = JsonWriter.compact().any(value).toString();
    Object again = Json.parse(written);
    assertThat(JsonWriter.compact().any(again).toString()).isEqualTo(written);
  }
}
