package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.collect.AwsSettings;
import org.junit.jupiter.api.Test;

class TimeoutOptionsTest {

  @Test
  void theDocumentedDefaultsAreTheSettingsDefaults() {
    DurationOption parse = new DurationOption();
    assertThat(parse.convert(AwsSettings.DEFAULT_API_TIMEOUT))
        .isEqualTo(AwsSettings.defaults().apiCallTimeout());
    assertThat(parse.convert(AwsSettings.DEFAULT_ATTEMPT_TIMEOUT))
        .isEqualTo(AwsSettings.defaults().attemptTimeout());
  }

  @Test
  void anAttemptLongerThanTheWholeCallIsBadUsage() {
    Run run =
        Run.of(
            "scan", "--region", "us-east-1", "--api-attempt-timeout", "5m", "--api-timeout", "1m");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--api-attempt-timeout (300 s) is longer than --api-timeout (60 s)");
  }

  @Test
  void aTimeoutThatIsNotADurationIsBadUsage() {
    Run run = Run.of("scan", "--region", "us-east-1", "--api-timeout", "soon");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'soon' is not a duration such as 30s, 5m or 1h");
  }
}
