package dev.fargatedoctor.collect;

/**
 * One account entered through its role (--account): the caller's own account keeps the caller's
 * credentials, as the management account does in an organisation scan; any other is entered once
 * here, so a refused role stops the command with one line naming the role and the permission.
 */
public final class MemberAccount {
  private MemberAccount() {}

  /** The settings whose clients work in {@code account}. */
  public static AwsSettings enter(
      AwsSettings settings, String account, AccountRole role, ApiCallRecorder recorder) {
    String region;
    try (AwsClients own = new AwsClients(settings, recorder)) {
      try {
        own.credentials().resolveCredentials();
      } catch (RuntimeException e) {
        throw CredentialFailure.explain(e, settings.profile(), System.getenv());
      }
      region = own.homeRegion();
      String caller;
      try {
        caller = own.sts(region).getCallerIdentity().account();
      } catch (RuntimeException e) {
        throw new NothingCollectedException(
            "nothing could be collected: sts:GetCallerIdentity failed: " + Failures.message(e), e);
      }
      if (caller.equals(account)) return settings;
    }
    AwsSettings entered = settings.withAssumedRole(account, role);
    try (AwsClients assumed = new AwsClients(entered, recorder)) {
      assumed.credentials().resolveCredentials();
    } catch (RuntimeException e) {
      throw new NothingCollectedException(
          "nothing could be collected: account "
              + account
              + ": "
              + role.refusal(account, region, e),
          e);
    }
    return entered;
  }
}
