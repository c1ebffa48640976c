package dev.fargatedoctor.agent.proc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Fuzz target for /proc/&lt;pid&gt;/status, limits and cmdline as {@link ProcessReader} reads them.
 * A process can rename itself (its Name) and rewrite its command line, so these files are in the
 * hands of every process in the task. The documented answer to a process that vanished or whose
 * status cannot be read is an empty result; anything else that is odd reads as unknown (-1). No
 * input may throw.
 */
class ProcessReaderFuzzTest {

  @FuzzTest
  void statusLimitsAndCmdline(FuzzedDataProvider data) throws IOException {
    Path proc = Files.createTempDirectory("fuzz-proc");
    try {
      Path dir = Files.createDirectories(proc.resolve("42"));
      if (data.consumeBoolean()) {
        Files.write(dir.resolve("status"), data.consumeBytes(400));
      }
      if (data.consumeBoolean()) {
        Files.write(dir.resolve("limits"), data.consumeBytes(400));
      }
      if (data.consumeBoolean()) {
        Files.write(dir.resolve("cmdline"), data.consumeRemainingAsBytes());
      }
      Optional<ProcessInfo> read = new ProcessReader(proc).read(42);
      read.ifPresent(
          info -> {
            assertThat(info.pid()).isEqualTo(42);
            assertThat(info.name()).isNotNull();
            assertThat(info.commandLine()).hasSizeLessThanOrEqualTo(CommandLines.MAX_DISPLAY);
            assertThat(info.rssBytes()).isGreaterThanOrEqualTo(-1);
            assertThat(info.maxOpenFiles()).isGreaterThanOrEqualTo(-1);
            assertThat(info.threads()).isNotNegative();
          });
      if (!Files.exists(dir.resolve("status"))) {
        assertThat(read).isEmpty();
      }
    } finally {
      try (Stream<Path> files = Files.walk(proc)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @FuzzTest
  void fieldsOfAnyText(FuzzedDataProvider data) {
    String key = data.pickValue(new String[] {"Name:", "VmRSS:", "Threads:"});
    String text = data.consumeRemainingAsString();
    String value = ProcessReader.statusField(text, key);
    if (value != null) {
      assertThat(text).contains(key);
    }
    assertThat(ProcessReader.maxOpenFiles(text)).isGreaterThanOrEqualTo(-1);
  }
}
