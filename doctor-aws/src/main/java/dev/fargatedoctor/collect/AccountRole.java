package dev.fargatedoctor.collect;

import java.time.Duration;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The role the tool assumes to work in another account of the organisation: its name (the same in
 * every account), the external id its trust policy may ask for, and the session's name and length.
 */
public record AccountRole(
    String roleName, String externalId, String sessionName, Duration sessionDuration) {
  /** The role AWS Organizations creates in every account it creates. */
  public static final String DEFAULT_ROLE = "OrganizationAccountAccessRole";

  public static final String DEFAULT_SESSION = "fargate-doctor";

  public AccountRole {
    if (roleName == null || !roleName.matches("[\\w+=,.@/-]{1,64}")) {
      throw new IllegalArgumentException("--role-name is not an IAM role name: " + roleName);
    }
    if (externalId != null && !externalId.matches("[\\w+=,.@:/-]{2,1224}")) {
      throw new IllegalArgumentException(
          "--external-id must be 2 to 1224 of letters, digits and +=,.@:/_- (STS's rule)");
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
  }

  public static AccountRole defaults() {
    return new AccountRole(DEFAULT_ROLE, null, DEFAULT_SESSION, Duration.ofHours(1));
  }

  /** The role's ARN in {@code account}, in the partition of {@code region}. */
  public String arn(String account, String region) {
    String partition =
        region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    return "arn:" + partition + ":iam::" + account + ":role/" + roleName;
  }

  /**
   * Credentials of this role in {@code account}, assumed through {@code sts} (signed by the caller)
   * and renewed by the SDK before they run out; close it with the clients it signs for.
   */
  public StsAssumeRoleCredentialsProvider credentials(
      StsClient sts, String account, String region) {
    String arn = arn(account, region);
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(
            r ->
                r.roleArn(arn)
                    .roleSessionName(sessionName)
                    .durationSeconds((int) sessionDuration.toSeconds())
                    .externalId(externalId))
        .build();
  }

  /** Why the role could not be assumed, and what would let it. */
  public String refusal(String account, String region, RuntimeException e) {
    return "the role "
        + arn(account, region)
        + " could not be assumed ("
        + Failures.message(e)
        + "); the caller needs sts:AssumeRole on it and the role's trust policy must allow the"
        + " caller"
        + (externalId == null ? "" : " with this --external-id");
  }
}
