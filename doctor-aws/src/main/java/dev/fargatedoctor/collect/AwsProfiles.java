package dev.fargatedoctor.collect;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.utils.UserHomeDirectoryUtils;

/**
 * The shared config and credentials files the aws CLI writes (AWS_CONFIG_FILE,
 * AWS_SHARED_CREDENTIALS_FILE, else ~/.aws): which profiles exist and how each one signs in.
 */
final class AwsProfiles {
  private AwsProfiles() {}

  /** Both files merged, as the SDK reads them; empty when neither exists. */
  static Optional<ProfileFile> read() {
    try {
      return Optional.of(ProfileFile.defaultProfileFile());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "the AWS config or credentials file cannot be read: " + e.getMessage(), e);
    }
  }

  /** The profile a run uses: --profile, else AWS_PROFILE, else "default". */
  static String effective(String profile, Map<String, String> env) {
    if (profile != null && !profile.isBlank()) return profile;
    String fromEnv = env.get(ProfileFileSystemSetting.AWS_PROFILE.environmentVariable());
    return fromEnv != null && !fromEnv.isBlank()
        ? fromEnv
        : ProfileFileSystemSetting.AWS_PROFILE.defaultValue();
  }

  static Optional<Profile> profile(String name) {
    return read().flatMap(f -> f.profile(name));
  }

  /** Fails with the profiles there are when a named profile is in neither file. */
  static void requireExists(String name, String namedBy) {
    Optional<IllegalArgumentException> missing = missing(name, namedBy);
    if (missing.isPresent()) throw missing.get();
  }

  /** The error for a named profile that is in neither file, listing the profiles there are. */
  static Optional<IllegalArgumentException> missing(String name, String namedBy) {
    if (profile(name).isPresent()) return Optional.empty();
    TreeSet<String> known =
        new TreeSet<>(read().map(ProfileFile::profiles).orElse(Map.of()).keySet());
    return Optional.of(
        new IllegalArgumentException(
            "profile '"
                + name
                + "' ("
                + namedBy
                + ") is not in "
                + files()
                + (known.isEmpty()
                    ? ": there is no profile; run `aws configure --profile " + name + "`"
                    : "; the profiles there are: " + String.join(", ", known))));
  }

  /** Whether a profile signs in through IAM Identity Center (SSO). */
  static boolean usesSso(Profile p) {
    return p.property(ProfileProperty.SSO_START_URL).isPresent()
        || p.property("sso_session").isPresent();
  }

  static String files() {
    return ProfileFileSystemSetting.AWS_CONFIG_FILE.getStringValue().orElse("~/.aws/config")
        + " or "
        + ProfileFileSystemSetting.AWS_SHARED_CREDENTIALS_FILE
            .getStringValue()
            .orElse("~/.aws/credentials");
  }

  /** A path from a profile setting, with ~ expanded as the aws CLI expands it. */
  static Path expandHome(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return Path.of(UserHomeDirectoryUtils.userHomeDirectory() + path.substring(1));
    }
    return Path.of(path);
  }
}
