package dev.fargatedoctor.collect;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache.ProxyConfiguration;

/**
 * How this process reaches AWS from a company network, read as the aws CLI reads it: proxies from
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY, and the CA bundle of AWS_CA_BUNDLE or the profile's {@code
 * ca_bundle}. Every HTTP client is built here: the scan's, and the SDK's own clients behind the
 * credential providers (STS for assume-role and web identity, IAM Identity Center), through {@link
 * ConfiguredHttpService}.
 */
final class CorporateNetwork {
  private static volatile CorporateNetwork installed;

  private final ProxyRoutes proxies;
  private final Optional<CaBundle> caBundle;

  private CorporateNetwork(ProxyRoutes proxies, Optional<CaBundle> caBundle) {
    this.proxies = proxies;
    this.caBundle = caBundle;
  }

  /**
   * Reads the environment and, for {@code ca_bundle}, the named profile (or AWS_PROFILE, or
   * "default") of the shared config files.
   */
  public static CorporateNetwork from(Map<String, String> env, String profile) {
    Optional<CaBundle> bundle =
        Optional.ofNullable(env.get("AWS_CA_BUNDLE"))
            .filter(s -> !s.isBlank())
            .map(s -> CaBundle.load(Path.of(s), "AWS_CA_BUNDLE"));
    if (bundle.isEmpty()) {
      String profileName = AwsProfiles.effective(profile, env);
      bundle =
          AwsProfiles.read()
              .flatMap(f -> f.profile(profileName))
              .flatMap(p -> p.property("ca_bundle"))
              .filter(s -> !s.isBlank())
              .map(
                  s ->
                      CaBundle.load(
                          AwsProfiles.expandHome(s), "ca_bundle of profile " + profileName));
    }
    return new CorporateNetwork(ProxyRoutes.from(env), bundle);
  }

  /** Makes this the configuration of the SDK's own clients too (see the class comment). */
  public CorporateNetwork install() {
    installed = this;
    return this;
  }

  /** What {@link #install()} set, else what the environment says. */
  static CorporateNetwork installed() {
    CorporateNetwork n = installed;
    return n != null ? n : from(System.getenv(), null);
  }

  /** An Apache HTTP client builder that goes through the proxies and trusts the bundle. */
  ApacheHttpClient.Builder httpClient() {
    // Proxies are routed per request by ProxyRoutes; the SDK's own reading of the environment
    // is switched off, else it would add HTTP_PROXY alone.
    ApacheHttpClient.Builder b =
        ApacheHttpClient.builder()
            .proxyConfiguration(
                ProxyConfiguration.builder()
                    .useEnvironmentVariableValues(false)
                    .useSystemPropertyValues(false)
                    .build());
    if (proxies.any()) b.httpRoutePlanner(proxies).credentialsProvider(proxies.credentials());
    caBundle.ifPresent(b::tlsTrustManagersProvider);
    return b;
  }

  /** The CA bundle in use, if any, for messages about untrusted certificates. */
  public Optional<String> caBundleSource() {
    return caBundle.map(c -> c.source() + " (" + c.file() + ")");
  }

  ProxyRoutes proxies() {
    return proxies;
  }
}
