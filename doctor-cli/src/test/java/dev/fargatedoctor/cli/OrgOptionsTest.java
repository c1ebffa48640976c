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
      assertThat(run.err()).contains(args[1] + " needs --org or --accounts");
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
}
