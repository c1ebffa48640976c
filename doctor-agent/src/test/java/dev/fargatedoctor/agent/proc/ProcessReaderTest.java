package dev.fargatedoctor.agent.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessReaderTest {

  private static final String STATUS =
      String.join(
          "\n",
          "Name:\tnode",
          "Umask:\t0022",
          "State:\tS (sleeping)",
          "Tgid:\t7",
          "Pid:\t7",
          "PPid:\t1",
          "VmPeak:\t 1300000 kB",
          "VmRSS:\t  412344 kB",
          "RssAnon:\t  380000 kB",
          "Threads:\t11",
          "");

  private static final String LIMITS =
      String.join(
          "\n",
          "Limit                     Soft Limit           Hard Limit           Units     ",
          "Max cpu time              unlimited            unlimited            seconds   ",
          "Max open files            65535                65535                files     ",
          "Max processes             unlimited            unlimited            processes ",
          "");

  @Test
  void readsNameRssThreadsOpenFileLimitAndARedactedCommandLine(@TempDir Path proc)
      throws Exception {
    Path dir = Files.createDirectories(proc.resolve("7"));
    Files.writeString(dir.resolve("status"), STATUS);
    Files.writeString(dir.resolve("limits"), LIMITS);
    Files.write(
        dir.resolve("cmdline"),
        "node\0server.js\0--db-password=hunter2\0".getBytes(StandardCharsets.UTF_8));
    Files.writeString(dir.resolve("environ"), "SECRET=never-read\0");

    ProcessInfo info = new ProcessReader(proc).read(7).orElseThrow();

    assertThat(info)
        .isEqualTo(
            new ProcessInfo(
                7, "node", "node server.js --db-password=<redacted>", 412344L * 1024, 65535, 11));
  }

  @Test
  void toleratesKernelThreadsUnlimitedLimitsAndVanishedProcesses(@TempDir Path proc)
      throws Exception {
    Path dir = Files.createDirectories(proc.resolve("2"));
    Files.writeString(dir.resolve("status"), "Name:\tkthreadd\nThreads:\t1\n");
    Files.writeString(
        dir.resolve("limits"),
        LIMITS.replace("65535                65535", "unlimited            unlimited"));
    Files.write(dir.resolve("cmdline"), new byte[0]);
    ProcessInfo kernelThread = new ProcessReader(proc).read(2).orElseThrow();
    assertThat(kernelThread.rssBytes()).isEqualTo(-1);
    assertThat(kernelThread.maxOpenFiles()).isEqualTo(-1);
    assertThat(kernelThread.commandLine()).isEmpty();

    Path gone = Files.createDirectories(proc.resolve("3"));
    Files.writeString(gone.resolve("status"), "Name:\tshort-lived\nVmRSS:\t 100 kB\n");
    // limits and cmdline vanished with the process: still a result, with unknowns
    assertThat(new ProcessReader(proc).read(3).orElseThrow().maxOpenFiles()).isEqualTo(-1);
    assertThat(new ProcessReader(proc).read(99)).isEmpty();
  }

  @Test
  void negativeOrOverflowingNumbersReadAsUnknown(@TempDir Path proc) throws Exception {
    // Invariants of ProcessReaderFuzzTest (seed negative-numbers): a negative limit or an RSS
    // that overflows in bytes must not reach /metrics as a negative gauge.
    Path dir = Files.createDirectories(proc.resolve("9"));
    Files.writeString(
        dir.resolve("status"), "Name:\tx\nVmRSS:\t99999999999999999 kB\nThreads:\t-2\n");
    Files.writeString(dir.resolve("limits"), "Max open files            -5     -5     files\n");
    ProcessInfo info = new ProcessReader(proc).read(9).orElseThrow();
    assertThat(info.rssBytes()).isEqualTo(-1);
    assertThat(info.maxOpenFiles()).isEqualTo(-1);
    assertThat(info.threads()).isZero();
  }

  @Test
  void readsThisJvmFromTheRealProc() {
    ProcessInfo self =
        new ProcessReader(Path.of("/proc")).read((int) ProcessHandle.current().pid()).orElseThrow();
    assertThat(self.name()).isEqualTo("java");
    assertThat(self.rssBytes()).isGreaterThan(1024 * 1024);
    assertThat(self.maxOpenFiles()).isGreaterThan(0);
    assertThat(self.threads()).isGreaterThan(1);
    assertThat(self.commandLine()).contains("java");
  }

  @Test
  void findsStatusFieldsAnywhere() {
    assertThat(ProcessReader.statusField(STATUS, "Name:")).isEqualTo("node");
    assertThat(ProcessReader.statusField(STATUS, "Threads:")).isEqualTo("11");
    assertThat(ProcessReader.statusField(STATUS, "VmSwap:")).isNull();
    assertThat(ProcessReader.maxOpenFiles("garbage")).isEqualTo(-1);
  }
}
