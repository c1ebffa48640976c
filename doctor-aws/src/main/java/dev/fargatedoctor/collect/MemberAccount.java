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
      region = own.homeRegion();
      if (caller(own, region).equals(account)) return settings;
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

  /**
   * The account the clients' credentials belong to (sts:GetCallerIdentity); credentials that cannot
   * be found, or a call that fails, stop the command with the reason and its fix.
   */
  public static String caller(AwsClients clients, String region) {
    try {
      clients.credentials().resolveCredentials();
    } catch (RuntimeException e) {
      throw CredentialFailure.explain(e, clients.settings().profile(), System.getenv());
    }
    try {
      return clients.sts(region).getCallerIdentity().account();
    } catch (RuntimeException e) {
      throw new NothingCollectedException(
          "nothing could be collected: sts:GetCallerIdentity failed: " + Failures.message(e), e);
    }
  }
}
