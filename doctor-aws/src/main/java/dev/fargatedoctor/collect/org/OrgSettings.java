package dev.fargatedoctor.collect.org;

import java.time.Duration;

/**
 * How an organisation is scanned: the role assumed in each member account, with its external id,
 * session name and duration; whether each account's enabled Regions are scanned instead of the
 * given ones; and how many accounts are collected at once.
 */
public record OrgSettings(
    String roleName,
    String externalId,
    String sessionName,
    Duration sessionDuration,
    boolean enabledRegions,
    int accountConcurrency) {
  /** The role AWS Organizations creates in every account it creates. */
  public static final String DEFAULT_ROLE = "OrganizationAccountAccessRole";

  public static final String DEFAULT_SESSION = "fargate-doctor";

  public OrgSettings {
    if (roleName == null || !roleName.matches("[\\w+=,.@/-]{1,64}")) {
      throw new IllegalArgumentException("--role-name is not an IAM role name: " + roleName);
    }
    if (sessionName == null || !sessionName.matches("[\\w+=,.@-]{2,64}")) {
      throw new IllegalArgumentException(
          "--role-session-name must be 2 to 64 of letters, digits and +=,.@_-: " + sessionName);
    }
    long seconds = sessionDuration.toSeconds();
    if (seconds < 900 || seconds > 43_200) {
      throw new IllegalArgumentException(
          "--role-duration must be between 15m and 12h (STS's limits), not " + seconds + " s");
    }
    if (accountConcurrency < 1 || accountConcurrency > 64) {
      throw new IllegalArgumentException(
          "--account-concurrency must be between 1 and 64, not " + accountConcurrency);
    }
  }
}
