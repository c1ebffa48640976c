package dev.fargatedoctor.collect;

import dev.fargatedoctor.snapshot.Coverage.Outcome;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** Sorts what went wrong with a call into a coverage outcome and a one-line message. */
public final class Failures {
  private static final Set<String> DENIED =
      Set.of(
          "AccessDenied",
          "AccessDeniedException",
          "UnauthorizedOperation",
          "Client.UnauthorizedOperation",
          "UnauthorizedException",
          "AuthorizationError",
          "NotAuthorized");
  private static final Set<String> NOT_FOUND =
      Set.of(
          "NoSuchEntity",
          "NoSuchResourceException",
          "ClusterNotFoundException",
          "ServiceNotFoundException");

  private Failures() {}

  public static Outcome outcome(Throwable e) {
    Throwable t = unwrap(e);
    if (t instanceof ApiCallTimeoutException
        || t instanceof ApiCallAttemptTimeoutException
        || causedBy(t, java.net.SocketTimeoutException.class)) return Outcome.TIMEOUT;
    if (t instanceof AwsServiceException ase) {
      if (ase.isThrottlingException()) return Outcome.THROTTLED;
      String code = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
      if (code != null && DENIED.contains(code)) return Outcome.DENIED;
      if (code != null && NOT_FOUND.contains(code)) return Outcome.NOT_FOUND;
      if (ase.statusCode() == 403) return Outcome.DENIED;
    }
    if (t instanceof SdkServiceException se) {
      if (se.isThrottlingException()) return Outcome.THROTTLED;
      if (se.statusCode() == 501
          || (se.statusCode() == 500 && !(t instanceof AwsServiceException))) {
        return Outcome.UNSUPPORTED;
      }
    }
    return Outcome.FAILED;
  }

  public static String message(Throwable e) {
    Throwable t = unwrap(e);
    if (t instanceof ApiCallTimeoutException) {
      return "timed out: the call and its retries took longer than --api-timeout";
    }
    if (t instanceof ApiCallAttemptTimeoutException) {
      return "timed out: every attempt took longer than --api-attempt-timeout";
    }
    var tls = CredentialFailure.cause(t, SSLException.class);
    if (tls.isPresent()) {
      return tlsAdvice(tls.get(), CorporateNetwork.installed().caBundleSource());
    }
    if (t instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
      String code = ase.awsErrorDetails().errorCode();
      String msg = ase.awsErrorDetails().errorMessage();
      return (code == null ? "HTTP " + ase.statusCode() : code)
          + (msg == null ? "" : ": " + firstLine(msg));
    }
    if (t instanceof SdkServiceException se)
      return "HTTP " + se.statusCode() + ": " + firstLine(se.getMessage());
    return t.getClass().getSimpleName() + ": " + firstLine(t.getMessage());
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) return true;
    }
    return false;
  }

  /** Why a TLS handshake failed, and what makes the certificate trusted. */
  static String tlsAdvice(SSLException e, Optional<String> caBundle) {
    String why = firstLine(e.getMessage());
    boolean untrusted =
        why.contains("PKIX") || why.contains("certification path") || why.contains("trust");
    if (!untrusted) return "TLS handshake failed: " + why;
    return "the server's TLS certificate is not trusted ("
        + why
        + "): "
        + caBundle
            .map(b -> "the CA bundle " + b + " does not hold the CA that signed it")
            .orElse(
                "set AWS_CA_BUNDLE (or ca_bundle in the profile) to a PEM file with the CA that"
                    + " signs it, such as your company's proxy CA");
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof java.util.concurrent.CompletionException
            || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    String line = s.lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 297) + "..." : line;
  }
}
