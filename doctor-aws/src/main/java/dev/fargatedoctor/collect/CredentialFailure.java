package dev.fargatedoctor.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * Turns a failure to resolve credentials into one line a person can act on: which source failed,
 * why, and the command that fixes it. The SDK's own messages list every provider of the chain;
 * these name the one that mattered.
 */
public final class CredentialFailure {
  private static final Pattern PROCESS_EXIT =
      Pattern.compile(
          "non-zero exit value \\((-?\\d+)\\) with error message: (.*)", Pattern.DOTALL);

  private static final Pattern WEB_IDENTITY =
      Pattern.compile(
          "WebIdentityTokenFileCredentialsProvider\\(\\): (.*?)(?:, \\w+CredentialsProvider\\(|\\]|$)",
          Pattern.DOTALL);

  private CredentialFailure() {}

  /**
   * The exception the CLI reports: {@link NothingCollectedException} (exit 3), or {@link
   * IllegalArgumentException} (exit 2) for a profile that is not there.
   */
  public static RuntimeException explain(
      RuntimeException e, String profileOption, Map<String, String> env) {
    String name = AwsProfiles.effective(profileOption, env);
    Optional<Profile> profile = AwsProfiles.profile(name);
    boolean named = profileOption != null || env.get("AWS_PROFILE") != null;
    if (named && profile.isEmpty()) {
      return AwsProfiles.missing(name, profileOption != null ? "--profile" : "AWS_PROFILE")
          .orElseThrow();
    }
    String all = messages(e);
    Optional<AwsServiceException> service = cause(e, AwsServiceException.class);
    Optional<SSLException> tls = cause(e, SSLException.class);

    Matcher process = PROCESS_EXIT.matcher(all);
    if (process.find()) {
      return failed(
          "the credential_process of profile "
              + name
              + " failed with exit code "
              + process.group(1)
              + ": "
              + oneLine(process.group(2)),
          e);
    }
    if (tls.isPresent()) {
      return failed(
          "could not sign in with profile "
              + name
              + ": "
              + Failures.tlsAdvice(tls.get(), CorporateNetwork.installed().caBundleSource()),
          e);
    }
    String webIdentity = env.get("AWS_WEB_IDENTITY_TOKEN_FILE");
    if (profileOption == null && webIdentity != null && !webIdentity.isBlank()) {
      // The default chain tried the token first and went on: its own reason is in the chain's
      // message.
      Matcher why = WEB_IDENTITY.matcher(all);
      return failed(
          "the web identity token in "
              + webIdentity
              + " (AWS_WEB_IDENTITY_TOKEN_FILE) could not be exchanged for role "
              + env.getOrDefault("AWS_ROLE_ARN", "(AWS_ROLE_ARN is not set)")
              + ": "
              + (why.find() ? oneLine(why.group(1)) : oneLine(e.getMessage())),
          e);
    }
    if (profile.isPresent() && AwsProfiles.usesSso(profile.get())) {
      if (service.isPresent() && service.get().statusCode() == 403) {
        return failed(
            "IAM Identity Center does not let profile "
                + name
                + " use role "
                + profile.get().property(ProfileProperty.SSO_ROLE_NAME).orElse("?")
                + " in account "
                + profile.get().property(ProfileProperty.SSO_ACCOUNT_ID).orElse("?")
                + ": "
                + Failures.message(service.get()),
            e);
      }
      if (service.isEmpty() || service.get().statusCode() == 401) {
        return failed(
            "the IAM Identity Center (SSO) sign-in of profile "
                + name
                + " has expired or was never made: run `aws sso login --profile "
                + name
                + "`",
            e);
      }
    }
    if (service.isPresent() && "sts".equals(serviceName(service.get()))) {
      String role =
          profile
              .flatMap(p -> p.property(ProfileProperty.ROLE_ARN))
              .or(() -> Optional.ofNullable(env.get("AWS_ROLE_ARN")))
              .orElse("the role");
      String via =
          profile.flatMap(p -> p.property(ProfileProperty.ROLE_ARN)).isPresent()
              ? "profile " + name
              : "the web identity token (AWS_WEB_IDENTITY_TOKEN_FILE)";
      return failed(
          "STS refused "
              + via
              + " the role "
              + role
              + ": "
              + Failures.message(service.get())
              + (service.get().statusCode() == 403
                  ? " (the role's trust policy must allow the caller to call sts:AssumeRole)"
                  : ""),
          e);
    }
    if (service.isPresent()) {
      return failed(
          "could not sign in with profile " + name + ": " + Failures.message(service.get()), e);
    }
    if (all.contains("Unable to load credentials from any of the providers")
        || all.contains("Unable to load credentials")
        || profile.isEmpty()) {
      return failed(
          "no AWS credentials found: run `aws configure`, `aws sso login --profile "
              + (named ? name : "PROFILE")
              + "`, or set AWS_PROFILE"
              + (named ? " to a profile that has credentials" : ""),
          e);
    }
    return failed("could not sign in with profile " + name + ": " + oneLine(e.getMessage()), e);
  }

  private static NothingCollectedException failed(String message, Throwable cause) {
    return new NothingCollectedException(message, cause);
  }

  private static String serviceName(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().serviceName() == null
        ? ""
        : e.awsErrorDetails().serviceName().toLowerCase(Locale.ROOT);
  }

  static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) return Optional.of(type.cast(t));
      for (Throwable s : t.getSuppressed()) {
        Optional<T> found = cause(s, type);
        if (found.isPresent()) return found;
      }
    }
    return Optional.empty();
  }

  private static String messages(Throwable e) {
    List<String> out = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null) out.add(t.getMessage());
    }
    return String.join(" / ", out);
  }

  static String oneLine(String text) {
    if (text == null || text.isBlank()) return "(no message)";
    String s = text.strip().replaceAll("\\s*\\R\\s*", " / ").replaceAll("\\p{Cntrl}", "?");
    return s.length() > 300 ? s.substring(0, 297) + "..." : s;
  }
}
