package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * preflight and alarms over the demo organisation's snapshot directory, offline: each account is
 * planned (or given templates) on its own, and the account whose role was refused is said.
 */
class OrgPreflightTest {

  @Test
  void eachAccountIsPlannedForTheServicesItRunsAndTheUnscannedOneIsUnknown(@TempDir Path dir)
      throws Exception {
    Path org = dir.resolve("org");
    Run.of("demo", "--org", "--snapshot-dir", org.toString(), "-o", "json");

    Run run =
        Run.of(
            "preflight", "--snapshot-dir", org.toString(), "--scale", "checkout=2x", "-o", "json");
    JsonNode plan = SnapshotJson.mapper().readTree(run.out());
    Map<String, String> status = new HashMap<>();
    plan.path("accounts")
        .forEach(a -> status.put(a.path("name").asText(), a.path("status").asText()));
    assertThat(status)
        .containsEntry("production", "PLANNED")
        .containsEntry("analytics", "NOT_SCANNED")
        .containsEntry("network", "NO_PLANNED_SERVICE");
    assertThat(plan.path("fits").asBoolean()).isFalse();
    assertThat(run.exitCode()).as(run.err()).isIn(1, 4);

    Run text = Run.of("preflight", "--snapshot-dir", org.toString(), "--scale", "checkout=2x");
    assertThat(text.out())
        .contains("== account 111122223333 (production)")
        .contains("runs none of the planned services")
        .contains("not scanned: ");

    Run nowhere =
        Run.of("preflight", "--snapshot-dir", org.toString(), "--scale", "no-such-service=2x");
    assertThat(nowhere.exitCode()).as("an account was not read: it may run there").isEqualTo(4);
  }

  @Test
  void alarmsWriteOneTemplatePerAccountAndRegionAndNameTheUnreadAccount(@TempDir Path dir)
      throws Exception {
    Path org = dir.resolve("org");
    Run.of("demo", "--org", "--snapshot-dir", org.toString(), "-o", "json");
    Path out = dir.resolve("alarms");

    Run run =
        Run.of(
            "alarms",
            "--snapshot-dir",
            org.toString(),
            "--format",
            "cloudformation",
            "--out",
            out.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
    assertThat(run.err()).contains("no alarms for account").contains("sts:AssumeRole");
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(files.filter(p -> p.endsWith("alarms.json")).count())
          .isEqualTo(run.out().lines().count())
          .isGreaterThanOrEqualTo(3);
    }

    Run toAFile =
        Run.of(
            "alarms",
            "--snapshot-dir",
            org.toString(),
            "--format",
            "terraform",
            "--out",
            Files.writeString(dir.resolve("x.tf"), "").toString());
    assertThat(toAFile.exitCode()).isEqualTo(2);
    assertThat(toAFile.err()).contains("--out names a directory");
  }
}
