package dev.fargatedoctor.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {

  @Test
  void defaultsServeOnLoopbackWithHeapDumpsOff() {
    AgentConfig c = AgentConfig.load(Map.of(), Map.of());
    assertThat(c.bind).isEqualTo("127.0.0.1");
    assertThat(c.bindIsLoopback()).isTrue();
    assertThat(c.port).isEqualTo(9779);
    assertThat(c.interval).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.detectors.window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.heapdumpToken).isNull();
    assertThat(c.heapdumpEnabled()).isFalse();
    assertThat(c.emf).isTrue();
    assertThat(c.metadataUri).isNull();
    assertThat(c.procRoot).isEqualTo(Path.of("/proc"));
    assertThat(c.cgroupRoot).isEqualTo(Path.of("/sys/fs/cgroup"));
  }

  @Test
  void environmentConfiguresAndFlagsOverride() {
    Map<String, String> env =
        Map.of(
            "FARGATE_DOCTOR_AGENT_PORT", "9000",
            "FARGATE_DOCTOR_AGENT_BIND", "0.0.0.0",
            "FARGATE_DOCTOR_AGENT_INTERVAL", "30s",
            "FARGATE_DOCTOR_AGENT_WINDOW", "10m",
            "FARGATE_DOCTOR_AGENT_CLOSE_WAIT_THRESHOLD", "25",
            "FARGATE_DOCTOR_AGENT_MEMORY_RATIO", "0.85",
            "FARGATE_DOCTOR_AGENT_EMF", "false",
            "ECS_CONTAINER_METADATA_URI_V4", "http://169.254.170.2/v4/abc");
    AgentConfig c = AgentConfig.load(env, Map.of("port", "9100", "horizon", "1h"));
    assertThat(c.port).isEqualTo(9100);
    assertThat(c.bind).isEqualTo("0.0.0.0");
    assertThat(c.bindIsLoopback()).isFalse();
    assertThat(c.interval).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.detectors.window()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.detectors.closeWait()).isEqualTo(25);
    assertThat(c.detectors.memoryRatio()).isEqualTo(0.85);
    assertThat(c.detectors.horizon()).isEqualTo(Duration.ofHours(1));
    assertThat(c.emf).isFalse();
    assertThat(c.metadataUri).isEqualTo("http://169.254.170.2/v4/abc");
  }

  @Test
  void javaagentOptionsIncludingTheShortTokenName(@TempDir Path dir) {
    Map<String, String> options =
        AgentConfig.parseAgentArgs(
            "port=0, heapdump-dir=" + dir + ",token=0123456789abcdef,,interval=5s");
    AgentConfig c = AgentConfig.load(Map.of(), options);
    assertThat(c.port).isZero();
    assertThat(c.heapdumpToken).isEqualTo("0123456789abcdef");
    assertThat(c.heapdumpDir).isEqualTo(dir);
    assertThat(c.heapdumpEnabled()).isTrue();
    assertThat(c.interval).isEqualTo(Duration.ofSeconds(5));
    assertThat(AgentConfig.parseAgentArgs(null)).isEmpty();
    assertThatThrownBy(() -> AgentConfig.parseAgentArgs("port")).hasMessageContaining("name=value");
  }

  @Test
  void invalidValuesNameTheSettingButNeverEchoTheValue() {
    String secretish = "s3cr3t-value-do-not-echo";
    for (String key :
        new String[] {
          "FARGATE_DOCTOR_AGENT_PORT",
          "FARGATE_DOCTOR_AGENT_INTERVAL",
          "FARGATE_DOCTOR_AGENT_FD_RATIO",
          "FARGATE_DOCTOR_AGENT_EMF",
          "FARGATE_DOCTOR_AGENT_BIND",
          "FARGATE_DOCTOR_AGENT_HEAPDUMP_TOKEN"
        }) {
      String value = key.endsWith("TOKEN") ? "short" : secretish;
      assertThatThrownBy(() -> AgentConfig.load(Map.of(key, value), Map.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(key)
          .hasMessageNotContaining(value);
    }
    assertThatThrownBy(() -> AgentConfig.load(Map.of(), Map.of("port", "70000")))
        .hasMessageContaining("between 0 and 65535");
    assertThatThrownBy(() -> AgentConfig.load(Map.of(), Map.of("bind", "localhost")))
        .hasMessageContaining("IP address literal");
    assertThatThrownBy(() -> AgentConfig.load(Map.of(), Map.of("interval", "0s")))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> AgentConfig.load(Map.of(), Map.of("window", "15s")))
        .hasMessageContaining("two intervals");
    assertThatThrownBy(() -> AgentConfig.load(Map.of(), Map.of("colour", "blue")))
        .hasMessageContaining("unknown option 'colour'");
  }

  @Test
  void toStringShowsNeitherTokenNorMetadataUri(@TempDir Path dir) {
    AgentConfig c =
        AgentConfig.load(
            Map.of(
                "ECS_CONTAINER_METADATA_URI_V4",
                "http://169.254.170.2/v4/secret-id",
                "FARGATE_DOCTOR_AGENT_HEAPDUMP_TOKEN",
                "0123456789abcdef-secret",
                "FARGATE_DOCTOR_AGENT_HEAPDUMP_DIR",
                dir.toString()),
            Map.of());
    assertThat(c.toString())
        .contains("heapdump=enabled", "metadata=present")
        .doesNotContain("secret", "169.254.170.2", dir.toString());
  }

  @Test
  void readsTheEphemeralPortRange(@TempDir Path proc) throws Exception {
    assertThat(AgentConfig.ephemeralPorts(proc)).isEqualTo(28232);
    Files.createDirectories(proc.resolve("sys/net/ipv4"));
    Files.writeString(proc.resolve("sys/net/ipv4/ip_local_port_range"), "1024\t65535\n");
    assertThat(AgentConfig.ephemeralPorts(proc)).isEqualTo(64512);
    assertThat(
            AgentConfig.load(Map.of(), Map.of("proc-root", proc.toString()))
                .detectors
                .ephemeralPorts())
        .isEqualTo(64512);
  }
}
