package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Account options that cannot work are exit 2, named, before any AWS call. */
class OrgOptionsTest {

  @Test
  void optionsThatNeedSeveralAccountsAreRefusedWithoutThem() {
    for (String[] args :
        new String[][] {
          {"scan", "--exclude-accounts", "111111111111"},
          {"scan", "--regions", "enabled"},
          {"scan", "--external-id", "x"},
          {"scan", "--role-name", "Reader"}
        }) {
      Run run = Run.of(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.err())
          .contains(args[1])
          .containsAnyOf(" needs --org or --accounts", " needs --account, --org or --accounts");
    }
  }

  @Test
  void oneAccountIsATwelveDigitIdAloneAndLive() {
    Run notAnId = Run.of("triage", "wont-start", "--account", "12345");
    assertThat(notAnId.exitCode()).isEqualTo(2);
    assertThat(notAnId.err()).contains("--account takes a 12-digit account id, not '12345'");

    Run beside = Run.of("scan", "--org", "--account", "111111111111");
    assertThat(beside.exitCode()).isEqualTo(2);
    assertThat(beside.err()).contains("--account is one account");

    Run offline = Run.of("watch", "--demo", "--cycles", "1", "--account", "111111111111");
    assertThat(offline.exitCode()).isEqualTo(2);
    assertThat(offline.err()).contains("--account works in a live account");
  }

  @Test
  void commandsOfOneAccountRefuseAnOrganisationWithTheReason() {
    for (String[] args :
        new String[][] {
          {"triage", "wont-start", "--org"},
          {"watch", "--cycles", "1", "--accounts", "111111111111"},
        }) {
      Run run = Run.of(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.err()).contains(args[0] + " works in one account").contains("--account ID");
    }
  }

  @Test
  void roleOptionsWithoutAnAccountAreRefusedByEveryCommandThatTakesThem() {
    for (String[] args :
        new String[][] {
          {"triage", "wont-start", "--role-name", "Reader"},
          {"watch", "--cycles", "1", "--external-id", "x"},
          {"triage", "slow", "--role-session-name", "me"},
        }) {
      Run run = Run.of(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.err()).contains(" needs --account");
    }
  }

  @Test
  void aBadAccountListNamesTheValueOrTheFileAndLine(@TempDir Path dir) throws Exception {
    Run notAnId = Run.of("scan", "--accounts", "12345");
    assertThat(notAnId.exitCode()).isEqualTo(2);
    assertThat(notAnId.err())
        .contains("--accounts: '12345' is neither a 12-digit account id nor a file");

    Path file = dir.resolve("accounts.txt");
    Files.writeString(file, "# production\n111111111111 prod\n\n22222222222x staging\n");
    Run badLine = Run.of("scan", "--accounts", file.toString());
    assertThat(badLine.exitCode()).isEqualTo(2);
    assertThat(badLine.err())
        .contains(file + " line 4: '22222222222x' is not a 12-digit account id");
  }

  @Test
  void regionsTakesOnlyEnabledAndRoleSettingsAreBounded() {
    Run regions = Run.of("scan", "--org", "--regions", "all");
    assertThat(regions.exitCode()).isEqualTo(2);
    assertThat(regions.err()).contains("--regions takes `enabled`");

    Run duration = Run.of("scan", "--org", "--region", "us-east-1", "--role-duration", "13h");
    assertThat(duration.exitCode()).isEqualTo(2);
    assertThat(duration.err()).contains("--role-duration must be between 15m and 12h");
  }

  @Test
  void oneAccountSourcesAreNotMixedWithSeveral() {
    Run run = Run.of("scan", "--org", "--snapshot", "x.json", "--region", "us-east-1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("with several, use --snapshot-dir");

    Run missing = Run.of("scan", "--snapshot-dir", "/nonexistent/org");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("/nonexistent/org").contains("not a directory of snapshots");
  }

  @Test
  void shardsSplitAccountsStablyAndEvenly() {
    java.util.Map<Integer, Integer> sizes = new java.util.TreeMap<>();
    for (int i = 0; i < 1000; i++) {
      String account = String.format("%012d", 100_000_000_000L + 7919L * i);
      int shard = OrgOptions.shardOf(account, 4);
      assertThat(shard).isBetween(1, 4).isEqualTo(OrgOptions.shardOf(account, 4));
      sizes.merge(shard, 1, Integer::sum);
    }
    assertThat(sizes).hasSize(4);
    assertThat(sizes.values()).allSatisfy(n -> assertThat(n).isBetween(200, 300));
    // the same on every machine and in every version: a shard's accounts do not move
    assertThat(OrgOptions.shardOf("123456789012", 8)).isEqualTo(SHARD_OF_MANAGEMENT_IN_8);
  }

  private static final int SHARD_OF_MANAGEMENT_IN_8 = 3;

  @Test
  void aShardIsIOfNWithSeveralAccounts() {
    Run zero = Run.of("scan", "--org", "--shard", "0/4", "--region", "us-east-1");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--shard takes I/N with 1 <= I <= N");
    Run alone = Run.of("scan", "--shard", "1/2");
    assertThat(alone.exitCode()).isEqualTo(2);
    assertThat(alone.err()).contains("--shard needs --org or --accounts");
  }
}
