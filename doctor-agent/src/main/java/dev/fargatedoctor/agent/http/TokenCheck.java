package dev.fargatedoctor.agent.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Compares a presented token with the configured one in constant time. Both are hashed first so
 * that neither the comparison time nor an early length mismatch reveals anything about the token.
 */
final class TokenCheck {

  private TokenCheck() {}

  static boolean matches(String expected, String presented) {
    if (expected == null || expected.isEmpty() || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(sha256(expected), sha256(presented));
  }

  /**
   * The token from "Authorization: Bearer x" or "X-Fargate-Doctor-Token: x"; never from the query
   * string.
   */
  static String presented(String authorization, String tokenHeader) {
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    return tokenHeader == null ? null : tokenHeader.trim();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
