package dev.fargatedoctor.agent.proc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fuzz targets for the cgroup memory parsers (v1 and v2). Their documented answer to a malformed or
 * missing file is an {@link IOException} naming it, which the sampler shows under "problems": any
 * other exception is a finding. A reading that is returned must make sense.
 */
class CgroupMemoryFuzzTest {

  private static final String[] V2_FILES = {
    "memory.current", "memory.max", "memory.stat", "memory.events"
  };
  private static final String[] V1_FILES = {
    "memory.usage_in_bytes", "memory.limit_in_bytes", "memory.stat", "memory.oom_control"
  };

  @FuzzTest
  void keyValueFile(byte[] data) {
    try {
      Map<String, Long> values =
          CgroupMemory.parseKeyValues(
              new String(data, StandardCharsets.UTF_8), Path.of("memory.stat"));
      assertThat(values.keySet()).noneMatch(String::isBlank);
      assertThat(values.values()).as("the kernel's counters are unsigned").allMatch(v -> v >= 0);
    } catch (IOException documented) {
      assertThat(documented.getMessage()).contains("memory.stat");
    }
  }

  @FuzzTest
  void hierarchy(FuzzedDataProvider data) throws IOException {
    Path root = Files.createTempDirectory("fuzz-cgroup");
    try {
      boolean v2 = data.consumeBoolean();
      // /proc/self/cgroup as a container runtime (or anyone who can write that file) left it.
      String selfCgroup = data.consumeString(200);
      Path self = root.resolve("self-cgroup");
      Files.writeString(self, selfCgroup, StandardCharsets.UTF_8);
      Path mount = Files.createDirectories(root.resolve("fs"));
      Path dir = v2 ? mount.resolve("ecs/task/container") : mount.resolve("memory/ecs/task");
      Files.createDirectories(dir);
      for (String name : v2 ? V2_FILES : V1_FILES) {
        if (data.consumeBoolean()) {
          Files.write(dir.resolve(name), data.consumeBytes(200));
        }
      }
      if (v2 && data.consumeBoolean()) {
        Files.write(dir.getParent().resolve("memory.max"), data.consumeBytes(40));
      }
      try {
        CgroupMemory.Reading reading = new CgroupMemory(mount, self).read();
        assertThat(reading.version()).isIn(1, 2);
        assertThat(reading.usageBytes()).isNotNegative();
        assertThat(reading.limitBytes()).isGreaterThanOrEqualTo(-1);
        assertThat(reading.workingSetBytes()).isBetween(0L, reading.usageBytes());
        assertThat(reading.oomKills()).isGreaterThanOrEqualTo(-1);
      } catch (IOException documented) {
        assertThat(documented.getMessage()).isNotBlank();
      }
    } finally {
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
