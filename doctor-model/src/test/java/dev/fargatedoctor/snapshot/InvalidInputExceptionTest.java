package dev.fargatedoctor.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InvalidInputExceptionTest {

  @Test
  void theMessageIsFileLineColumnAndWhatIsWrong() {
    assertThat(new InvalidInputException("dumps/x.json", 3, 14, "bad"))
        .hasMessage("dumps/x.json:3:14: bad");
    assertThat(new InvalidInputException("dumps/x.json", 3, -1, "bad"))
        .hasMessage("dumps/x.json:3: bad");
    assertThat(new InvalidInputException("dumps/x.json", -1, -1, "bad"))
        .hasMessage("dumps/x.json: bad");
    assertThat(new InvalidInputException(Path.of("snap.json"), "no such file"))
        .hasMessage("snap.json: no such file");
  }

  @Test
  void aJacksonErrorKeepsItsPositionAndTheJsonPath() {
    JsonProcessingException jackson = null;
    try {
      SnapshotJson.mapper().readValue("{\"coverage\": [\n {\"calls\": \"many\"}]}", Snapshot.class);
    } catch (JsonProcessingException e) {
      jackson = e;
    }

    InvalidInputException e = InvalidInputException.fromJson(Path.of("snap.json"), jackson);

    assertThat(e.file()).isEqualTo("snap.json");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isPositive();
    assertThat(e)
        .hasMessageStartingWith("snap.json:2:")
        .hasMessageEndingWith("(at coverage[0].calls)");
  }
}
