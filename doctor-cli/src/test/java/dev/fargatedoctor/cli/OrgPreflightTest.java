package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.cli.demo.DemoOrganisation;
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
  void aSharedSubnetIsPlannedOnEveryAccountsPeakWhereEachAccountAloneFitsOrCannotTell(
      @TempDir Path dir) throws Exception {
    Path org = dir.resolve("org");
    Run.of("demo", "--org", "--snapshot-dir", org.toString(), "-o", "json");
    String[] plan = {"--scale", "ledger=+10", "--scale", "api=+10"};

    // Each account alone: payments' ledger keeps 3 of shared-a's 53 free IPs (tight), orders cannot
    // tell what the addresses it does not see will take.
    Map<String, String> alone = new HashMap<>();
    Map<String, String> own =
        Map.of(DemoOrganisation.PAYMENTS, plan[1], DemoOrganisation.ORDERS, plan[3]);
    for (Map.Entry<String, String> e : own.entrySet()) {
      Run run =
          Run.of(
              "preflight",
              "--snapshot",
              org.resolve(e.getKey()).resolve("us-east-1.json.gz").toString(),
              "--scale",
              e.getValue(),
              "-o",
              "json");
      alone.put(e.getKey(), verdict(SnapshotJson.mapper().readTree(run.out()), "subnet-0shareda"));
    }
    assertThat(alone)
        .containsEntry(DemoOrganisation.PAYMENTS, "TIGHT")
        .containsEntry(DemoOrganisation.ORDERS, "UNKNOWN");

    // Together: 53 free; payments +50, orders +18 at the planned peak: 15 short, in both accounts.
    Run run =
        Run.of(
            concat(
                new String[] {"preflight", "--snapshot-dir", org.toString(), "-o", "json"}, plan));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode json = SnapshotJson.mapper().readTree(run.out());
    for (JsonNode a : json.path("accounts")) {
      if (a.path("status").asText().equals("PLANNED")
          && !a.path("account").asText().equals("111122223333"))
        assertThat(verdict(a.path("preflight"), "subnet-0shareda"))
            .as(a.path("account").asText())
            .isEqualTo("DOES_NOT_FIT");
    }
    JsonNode shared = json.path("sharedSubnets").get(0);
    assertThat(shared.path("subnetId").asText()).isEqualTo("subnet-0shareda");
    assertThat(shared.path("owner").asText()).isEqualTo(DemoOrganisation.NETWORK);
    assertThat(shared.path("verdict").asText()).isEqualTo("DOES_NOT_FIT");
    assertThat(shared.path("newIpsAtPeak").asInt()).isEqualTo(68);
    assertThat(shared.path("freeIpsLeftAtPeak").asInt()).isEqualTo(-15);
    assertThat(shared.path("accounts").findValuesAsText("account"))
        .containsExactly(
            DemoOrganisation.ORDERS, DemoOrganisation.NETWORK, DemoOrganisation.PAYMENTS);
    assertThat(shared.path("services").findValuesAsText("service"))
        .containsExactlyInAnyOrder("orders/api", "edge/proxy", "payments/ledger");

    Run text = Run.of(concat(new String[] {"preflight", "--snapshot-dir", org.toString()}, plan));
    assertThat(text.out())
        .contains("== shared subnets (every scanned account's services at the planned peak)")
        .contains(
            "DOES NOT FIT  us-east-1 subnet-0shareda (us-east-1a), owner "
                + DemoOrganisation.NETWORK
                + ": 53 free, +68 at the peak, -15 left")
        .contains(DemoOrganisation.PAYMENTS + ": 40 interface(s); payments/ledger 40 -> 90")
        .contains("the peak of the tasks of 3 accounts need 68");
  }

  @Test
  void theOrganisationViewExplainsTheAddressesOneAccountCannotSee(@TempDir Path dir)
      throws Exception {
    Path org = dir.resolve("org");
    Run.of("demo", "--org", "--snapshot-dir", org.toString(), "-o", "json");

    Run run =
        Run.of("preflight", "--snapshot-dir", org.toString(), "--scale", "api=+4", "-o", "json");

    JsonNode json = SnapshotJson.mapper().readTree(run.out());
    for (JsonNode a : json.path("accounts")) {
      if (a.path("account").asText().equals(DemoOrganisation.ORDERS))
        assertThat(verdict(a.path("preflight"), "subnet-0shareda")).isEqualTo("FITS");
    }
    // analytics was not scanned: its 12 addresses in shared-b are bounded, and it may run api.
    assertThat(json.path("sharedSubnets").get(1).path("detail").asText())
        .contains("even if the 12 addresses");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
  }

  private static String verdict(JsonNode plan, String subnet) {
    for (JsonNode region : plan.path("regions"))
      for (JsonNode r : region.path("resources"))
        if (r.path("kind").asText().equals("subnet IPs") && r.path("id").asText().equals(subnet))
          return r.path("verdict").asText();
    return null;
  }

  private static String[] concat(String[] a, String[] b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
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
