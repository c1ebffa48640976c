package dev.fargatedoctor.agent.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

  @Test
  void writesCompactJsonThatReadsBack() {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("count", 42);
    evidence.put("ratio", 0.5);
    evidence.put("pids", Arrays.asList(7, 8));
    evidence.put("missing", null);
    String text =
        JsonWriter.compact()
            .beginObject()
            .field("s", "tab\tquote\"back\\slash\nnew\u0001ctl\u2028")
            .field("l", Long.MAX_VALUE)
            .field("d", 0.25)
            .field("whole", 512.0)
            .field("nan", Double.NaN)
            .field("b", true)
            .optional("absent", null)
            .optional("present", 3)
            .name("evidence")
            .any(evidence)
            .name("empty")
            .beginArray()
            .endArray()
            .endObject()
            .toString();
    assertThat(text)
        .startsWith("{\"s\":\"tab\\tquote\\\"back\\\\slash\\nnew\\u0001ctl\\u2028\",\"l\":");
    assertThat(text).contains("\"whole\":512,").contains("\"nan\":null").doesNotContain("absent");
    Map<String, Object> back = Json.parseObject(text);
    assertThat(back.get("s")).isEqualTo("tab\tquote\"back\\slash\nnew\u0001ctl\u2028");
    assertThat(back.get("l")).isEqualTo(Long.MAX_VALUE);
    assertThat(JsonValues.object(back, "evidence"))
        .containsEntry("count", 42L)
        .containsEntry("missing", null);
    assertThat(JsonValues.array(JsonValues.object(back, "evidence"), "pids"))
        .containsExactly(7L, 8L);
  }

  @Test
  void terminalControlsInAStringAreEscapedNeverWritten() {
    // A process name or a stop reason holding ESC ] 0 ; ... BEL, 8-bit CSI, DEL.
    String hostile = "name\u001b]0;owned\u0007\u001b[2J\u009b2J\u007f";
    String text = JsonWriter.compact().beginObject().field("n", hostile).endObject().toString();
    assertThat(text).isEqualTo("{\"n\":\"name\\u001b]0;owned\\u0007\\u001b[2J\\u009b2J\\u007f\"}");
    assertThat(text.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    assertThat(Json.parseObject(text)).containsEntry("n", hostile);
  }

  @Test
  void prettyOutputIsTheSameDocument() {
    JsonWriter pretty =
        JsonWriter.pretty()
            .beginObject()
            .field("a", 1)
            .name("b")
            .beginArray()
            .value("x")
            .value(2)
            .endArray()
            .name("c")
            .beginObject()
            .endObject()
            .endObject();
    assertThat(pretty.toString()).contains("\n  \"a\": 1,\n");
    assertThat(Json.parse(pretty.toString()))
        .isEqualTo(Json.parse("{\"a\":1,\"b\":[\"x\",2],\"c\":{}}"));
  }

  @Test
  void refusesToWriteInvalidDocuments() {
    assertThatThrownBy(() -> JsonWriter.compact().name("x"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JsonWriter.compact().beginObject().toString())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JsonWriter.compact().beginArray().endObject().endArray())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JsonWriter.compact().value(1).value(2))
        .isInstanceOf(IllegalStateException.class);
  }
}
