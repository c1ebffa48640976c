package dev.fargatedoctor.check;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a finding across runs, for deduplication in SARIF, Security Hub, tickets and
 * watch: the check, the account, the Region (none for IAM, which is global), the resource and,
 * where a check reports several things about one resource, which one. Severity, status, title and
 * evidence are left out: a finding that worsens is the same finding.
 */
final class Fingerprint {
  private static final String VERSION = "fargate-doctor/fingerprint/v1";

  private Fingerprint() {}

  public static String of(Finding f) {
    String scope = f.resource().isGlobal() ? "global" : nz(f.region());
    String identity =
        String.join(
            "\n",
            VERSION,
            f.checkId(),
            nz(f.account()),
            scope,
            f.resource().type(),
            f.resource().id(),
            nz(f.aspect()));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
