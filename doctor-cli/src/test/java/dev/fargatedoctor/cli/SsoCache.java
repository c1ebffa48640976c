package dev.fargatedoctor.cli;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Where `aws sso login` caches a sign-in: ~/.aws/sso/cache/SHA1.json, keyed by the sso-session name
 * (or, for a legacy profile, by its start URL).
 */
final class SsoCache {
  private SsoCache() {}

  static String file(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(key.getBytes(StandardCharsets.UTF_8));
      return ".aws/sso/cache/" + String.format("%040x", new BigInteger(1, digest)) + ".json";
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
