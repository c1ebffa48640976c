package dev.fargatedoctor.agent.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fargatedoctor.agent.json.Json;
import dev.fargatedoctor.agent.json.JsonValues;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SidecarDefinitionTest {

  @Test
  void containerDefinitionHasEverythingASidecarNeeds() {
    Map<String, Object> c =
        Json.parseObject(
            SidecarDefinition.containerDefinition(
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fargate-doctor-agent:0.1.0",
                9800,
                "/ecs/orders",
                "eu-west-1",
                "doctor"));
    assertThat(c)
        .containsEntry("name", "fargate-doctor-agent")
        .containsEntry(
            "image", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fargate-doctor-agent:0.1.0")
        .containsEntry("essential", false)
        .containsEntry("user", "0")
        .containsEntry("memory", 128L)
        .containsEntry("readonlyRootFilesystem", true)
        .doesNotContainKey("portMappings");
    assertThat(JsonValues.array(c, "environment"))
        .contains(
            Map.of("name", "FARGATE_DOCTOR_AGENT_PORT", "value", "9800"),
            Map.of("name", "FARGATE_DOCTOR_AGENT_BIND", "value", "127.0.0.1"));
    assertThat(
            JsonValues.array(
                JsonValues.object(JsonValues.object(c, "linuxParameters"), "capabilities"), "add"))
        .containsExactly("SYS_PTRACE");
    Map<String, Object> log = JsonValues.object(c, "logConfiguration");
    assertThat(log).containsEntry("logDriver", "awslogs");
    assertThat(JsonValues.object(log, "options"))
        .containsEntry("awslogs-group", "/ecs/orders")
        .containsEntry("awslogs-region", "eu-west-1")
        .containsEntry("awslogs-stream-prefix", "doctor");
  }

  @Test
  void fragmentCarriesTaskLevelPidModeAndNullsMeanDefaults() {
    Map<String, Object> fragment =
        Json.parseObject(SidecarDefinition.taskDefinitionFragment(null, 9779, null, null, null));
    assertThat(fragment).containsEntry("pidMode", "task");
    List<Object> containers = JsonValues.array(fragment, "containerDefinitions");
    assertThat(containers)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(JsonValues.string(c, "image")).isEqualTo(SidecarDefinition.DEFAULT_IMAGE);
              assertThat(
                      JsonValues.string(
                          JsonValues.object(JsonValues.object(c, "logConfiguration"), "options"),
                          "awslogs-group"))
                  .isEqualTo(SidecarDefinition.DEFAULT_LOG_GROUP);
            });
    assertThat(SidecarDefinition.PID_MODE_NOTE)
        .contains("\"pidMode\": \"task\"", "SYS_PTRACE", "127.0.0.1");
  }

  @Test
  void unprivilegedLeavesOutRootAndPtrace() {
    Map<String, Object> c =
        Json.parseObject(
            SidecarDefinition.containerDefinition("img:1", 9779, null, null, null, false));
    assertThat(c).doesNotContainKeys("user", "linuxParameters").containsEntry("essential", false);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> SidecarDefinition.containerDefinition("", 9779, null, null, null))
        .hasMessageContaining("image");
    assertThatThrownBy(() -> SidecarDefinition.containerDefinition("a b", 9779, null, null, null))
        .hasMessageContaining("image");
    assertThatThrownBy(() -> SidecarDefinition.containerDefinition(null, 0, null, null, null))
        .hasMessageContaining("port");
    assertThatThrownBy(
            () -> SidecarDefinition.containerDefinition(null, 9779, "bad group!", null, null))
        .hasMessageContaining("log group");
    assertThatThrownBy(() -> SidecarDefinition.containerDefinition(null, 9779, null, "Mars", null))
        .hasMessageContaining("region");
    assertThatThrownBy(() -> SidecarDefinition.containerDefinition(null, 9779, null, null, "a:b"))
        .hasMessageContaining("stream prefix");
  }

  @Test
  void commandPrintsJsonOnStdoutAndTheNoteOnStderr() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        TaskDefinitionCommand.run(
            new String[] {
              "--image=repo/agent:1",
              "--port",
              "9900",
              "--log-group",
              "/ecs/x",
              "--region",
              "ap-southeast-2",
              "--stream-prefix",
              "p",
              "--container-only"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    Map<String, Object> c = Json.parseObject(out.toString(StandardCharsets.UTF_8));
    assertThat(c).containsEntry("image", "repo/agent:1").doesNotContainKey("pidMode");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(SidecarDefinition.PID_MODE_NOTE + System.lineSeparator());

    ByteArrayOutputStream err2 = new ByteArrayOutputStream();
    assertThat(
            TaskDefinitionCommand.run(
                new String[] {"--port", "x"},
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err2, true, StandardCharsets.UTF_8)))
        .isEqualTo(2);
    assertThat(err2.toString(StandardCharsets.UTF_8)).contains("port must be a number", "usage:");
    assertThat(
            TaskDefinitionCommand.run(
                new String[] {"--colour", "red"},
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream())))
        .isEqualTo(2);
  }
}
