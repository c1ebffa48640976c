package dev.fargatedoctor.agent.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupMemoryTest {

  private static CgroupMemory fixture(String name) {
    return new CgroupMemory(
        Fixtures.resource("cgroup/" + name), Fixtures.resource("cgroup/" + name + ".self-cgroup"));
  }

  @Test
  void v2ContainerViewWithoutALimit() throws IOException {
    CgroupMemory.Reading r = fixture("v2-container").read();
    assertThat(r.version()).isEqualTo(2);
    assertThat(r.usageBytes()).isEqualTo(268435456L);
    assertThat(r.limitBytes()).isEqualTo(-1);
    assertThat(r.inactiveFileBytes()).isEqualTo(16777216L);
    assertThat(r.workingSetBytes()).isEqualTo(268435456L - 16777216L);
    assertThat(r.oomKills()).isZero();
    assertThat(r.stat()).containsEntry("anon", 201326592L).containsEntry("pgmajfault", 12L);
  }

  @Test
  void v2HostViewFindsItsCgroupAndTheTaskLimitAboveIt() throws IOException {
    CgroupMemory.Reading r = fixture("v2-host").read();
    assertThat(r.version()).isEqualTo(2);
    assertThat(r.usageBytes()).isEqualTo(134217728L);
    assertThat(r.limitBytes()).isEqualTo(536870912L); // the task's memory.max, one level up
    assertThat(r.oomKills()).isEqualTo(2);
  }

  @Test
  void v1AsOnFargateTakesTheHierarchicalTaskLimit() throws IOException {
    CgroupMemory.Reading r = fixture("v1-fargate").read();
    assertThat(r.version()).isEqualTo(1);
    assertThat(r.usageBytes()).isEqualTo(314572800L);
    assertThat(r.limitBytes()).isEqualTo(536870912L);
    assertThat(r.inactiveFileBytes()).isEqualTo(20971520L);
    assertThat(r.oomKills()).isEqualTo(1);
  }

  @Test
  void v1WithoutAnyLimitIsUnlimited() throws IOException {
    CgroupMemory.Reading r =
        new CgroupMemory(Fixtures.resource("cgroup/v1-unlimited"), Path.of("/nonexistent")).read();
    assertThat(r.limitBytes()).isEqualTo(-1);
    assertThat(r.oomKills()).isEqualTo(-1);
    assertThat(r.workingSetBytes()).isEqualTo(104857600L);
  }

  @Test
  void malformedFilesAreClearErrors(@TempDir Path tmp) throws IOException {
    Path v2 = copy(Fixtures.resource("cgroup/v2-container"), tmp.resolve("a"));
    Files.writeString(v2.resolve("memory.current"), "12ab\n");
    assertThatThrownBy(() -> new CgroupMemory(v2, Path.of("/nonexistent")).read())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("memory.current")
        .hasMessageContaining("expected a byte count")
        .hasMessageContaining("12ab");

    Files.writeString(v2.resolve("memory.current"), "");
    assertThatThrownBy(() -> new CgroupMemory(v2, Path.of("/nonexistent")).read())
        .hasMessageContaining("memory.current")
        .hasMessageContaining("empty");

    Path v1 = copy(Fixtures.resource("cgroup/v1-fargate"), tmp.resolve("b"));
    Files.writeString(
        v1.resolve("memory/memory.stat"), "cache 4194304\nrss\n"); // truncated mid-line
    assertThatThrownBy(() -> new CgroupMemory(v1, Path.of("/nonexistent")).read())
        .hasMessageContaining("memory.stat line 2");
  }

  @Test
  void aNegativeCounterIsAMalformedLine() {
    // Invariant of CgroupMemoryFuzzTest.keyValueFile (seed negative-counter).
    assertThatThrownBy(
            () -> CgroupMemory.parseKeyValues("oom 0\noom_kill -5\n", Path.of("memory.events")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("malformed memory.events line 2");
  }

  @Test
  void neitherVersionPresentIsAClearError(@TempDir Path empty) {
    assertThatThrownBy(() -> new CgroupMemory(empty, Path.of("/nonexistent")).read())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no cgroup memory files");
  }

  @Test
  void aHostilePathInProcSelfCgroupCannotEscapeTheMount(@TempDir Path tmp) throws IOException {
    Path root = copy(Fixtures.resource("cgroup/v2-container"), tmp.resolve("root"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("memory.current"), "1\n");
    Path self = Files.writeString(tmp.resolve("self"), "0::/../outside\n");
    assertThat(new CgroupMemory(root, self).read().usageBytes()).isEqualTo(268435456L);
  }

  @Test
  void aNulByteInProcSelfCgroupIsIgnoredLikeAnyPathThatLeadsNowhere(@TempDir Path tmp)
      throws IOException {
    // Found by CgroupMemoryFuzzTest.hierarchy: InvalidPathException escaped read().
    Path root = copy(Fixtures.resource("cgroup/v2-container"), tmp.resolve("root"));
    Path self = Files.writeString(tmp.resolve("self"), "0::/ecs/\u0000task\n4:memory:/a\u0000b\n");
    assertThat(new CgroupMemory(root, self).read().usageBytes()).isEqualTo(268435456L);
    Path v1 = copy(Fixtures.resource("cgroup/v1-fargate"), tmp.resolve("v1"));
    assertThat(new CgroupMemory(v1, self).read().version()).isEqualTo(1);
  }

  @Test
  void readsThisMachineOrSaysItHasNoMemoryController() throws IOException {
    // Whatever this machine runs (v1, v2, hybrid or no memory controller at all), the reader
    // either gives a self-consistent reading or says what it could not find.
    CgroupMemory.Reading r;
    try {
      r = new CgroupMemory(Path.of("/sys/fs/cgroup"), Path.of("/proc/self/cgroup")).read();
    } catch (IOException e) {
      assertThat(e).hasMessageStartingWith("no cgroup memory files");
      return;
    }
    assertThat(r.usageBytes()).isPositive();
    assertThat(r.workingSetBytes()).isBetween(0L, r.usageBytes());
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }
}
