package dev.fargatedoctor.check.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.CheckRunner;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaintextSecretsTest {
  private final PlaintextSecrets check = new PlaintextSecrets();

  @Test
  @SuppressWarnings("unchecked")
  void secretLookingNamesWithTextValuesAreNamedAndTheirValuesNever() {
    assertThat(
            CheckRunner.problems(
                check, "PLAINTEXT-SECRETS/fires-task-definition-with-plaintext-password.json"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.FAIL);
              assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(f.title())
                  .isEqualTo(
                      "api:7: 4 secret-looking variables in plaintext (DB_PASSWORD, STRIPE_API_KEY, "
                          + "JWT_SECRET, DATADOG_API_KEY)");
              assertThat((List<String>) f.evidence().get("variables"))
                  .containsExactly(
                      "api: DB_PASSWORD",
                      "api: STRIPE_API_KEY",
                      "api: JWT_SECRET",
                      "log-router: DATADOG_API_KEY");
              assertThat(f.toString()).doesNotContain("sha256");
              assertThat(f.remediation().commands())
                  .first()
                  .isEqualTo(
                      "aws secretsmanager create-secret --name "
                          + "api/DB_PASSWORD --secret-string \"$DB_PASSWORD\" --region us-east-1");
            });
  }

  @Test
  void referencesEmptyValuesAndSettingsAboutSecretsAreNotSecrets() {
    assertThat(PlaintextSecrets.looksSecret("DB_PASSWORD_ARN")).isFalse();
    assertThat(PlaintextSecrets.looksSecret("SECRET_NAME")).isFalse();
    assertThat(PlaintextSecrets.looksSecret("PASSWORD_MIN_LENGTH")).isFalse();
    assertThat(PlaintextSecrets.looksSecret("TOKEN_URL")).isFalse();
    assertThat(PlaintextSecrets.looksSecret("PASSPORT_COUNTRY")).isFalse();
    assertThat(PlaintextSecrets.looksSecret("aws_secret_access_key")).isTrue();
    assertThat(
            CheckRunner.problems(
                check,
                "PLAINTEXT-SECRETS/quiet-task-definition-with-secrets-from-secrets-manager.json"))
        .isEmpty();
  }
}
