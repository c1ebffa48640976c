package dev.fargatedoctor.cli;

import dev.fargatedoctor.collect.AccountRole;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Which other account a command works in, and the role it assumes there: one account with
 * --account, or each account of {@link OrgOptions}, which carries these options too.
 */
final class AccountOptions {
  @Option(
      names = "--account",
      paramLabel = "ID",
      description =
          "Work in this one account: assume --role-name in it with the caller's credentials (the"
              + " caller's own account keeps its own). Every AWS call, opt-in writes included,"
              + " then goes to that account.")
  String account;

  @Option(
      names = "--role-name",
      paramLabel = "NAME",
      description =
          "Role assumed in every account but the caller's (default: ${DEFAULT-VALUE}, which AWS"
              + " Organizations creates in accounts it creates; a read-only role with"
              + " docs/iam-policy.json is better).")
  String roleName = AccountRole.DEFAULT_ROLE;

  @Option(
      names = "--external-id",
      paramLabel = "ID",
      description = "External id the role's trust policy asks for (sts:ExternalId).")
  String externalId;

  @Option(
      names = "--role-session-name",
      paramLabel = "NAME",
      description =
          "Session name, as CloudTrail shows it in each account (default: ${DEFAULT-VALUE}).")
  String sessionName = AccountRole.DEFAULT_SESSION;

  @Option(
      names = "--role-duration",
      paramLabel = "DURATION",
      converter = DurationOption.class,
      defaultValue = "1h",
      description =
          "How long each assumed-role session lasts (15m to 12h, at most the role's maximum;"
              + " default: ${DEFAULT-VALUE}). The SDK renews it before it runs out.")
  Duration sessionDuration;

  boolean given() {
    return account != null;
  }

  /**
   * Refuses a malformed --account, --account beside a list of accounts, and role options with no
   * account to use them in ({@code enters} names the options that would give one).
   */
  void check(boolean severalAccounts, String enters) {
    if (account != null) {
      if (!account.trim().matches("\\d{12}")) {
        throw new IllegalArgumentException(
            "--account takes a 12-digit account id, not '"
                + dev.fargatedoctor.snapshot.SafeText.plain(account)
                + "'");
      }
      account = account.trim();
      if (severalAccounts) {
        throw new IllegalArgumentException(
            "--account is one account: with --org or --accounts, list it there");
      }
    } else if (!severalAccounts) {
      String unused =
          !AccountRole.DEFAULT_ROLE.equals(roleName)
              ? "--role-name"
              : externalId != null
                  ? "--external-id"
                  : !AccountRole.DEFAULT_SESSION.equals(sessionName)
                      ? "--role-session-name"
                      : !Duration.ofHours(1).equals(sessionDuration) ? "--role-duration" : null;
      if (unused != null) throw new IllegalArgumentException(unused + " needs " + enters);
    }
    role(); // the role's own rules (name, external id, session) fail before any AWS call
  }

  AccountRole role() {
    return new AccountRole(roleName, externalId, sessionName, sessionDuration);
  }
}
