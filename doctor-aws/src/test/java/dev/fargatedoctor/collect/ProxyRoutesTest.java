package dev.fargatedoctor.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxyRoutesTest {
  private static final Optional<URI> CORP = Optional.of(URI.create("http://proxy.corp:3128"));
  private static final Optional<URI> PLAIN = Optional.of(URI.create("http://plain.corp:8080"));

  @Test
  void httpsUrlsUseHttpsProxyAndHttpUrlsUseHttpProxy() {
    ProxyRoutes routes =
        ProxyRoutes.from(
            Map.of("HTTPS_PROXY", "http://proxy.corp:3128", "HTTP_PROXY", "plain.corp:8080"));

    assertThat(routes.proxyFor("https", "ec2.us-east-1.amazonaws.com")).isEqualTo(CORP);
    assertThat(routes.proxyFor("http", "10.0.0.1")).isEqualTo(PLAIN);
  }

  @Test
  void lowerCaseNamesWinAsInCurl() {
    ProxyRoutes routes =
        ProxyRoutes.from(
            Map.of("https_proxy", "http://proxy.corp:3128", "HTTPS_PROXY", "http://other:1"));

    assertThat(routes.proxyFor("https", "sts.amazonaws.com")).isEqualTo(CORP);
  }

  @Test
  void noProxyTakesHostsDomainsAddressesAndCidrBlocks() {
    ProxyRoutes routes =
        ProxyRoutes.from(
            Map.of(
                "HTTPS_PROXY",
                "http://proxy.corp:3128",
                "NO_PROXY",
                "localhost, .internal.example,amazonaws.com.cn,169.254.169.254,10.0.0.0/8,vpce:443"));

    assertThat(routes.proxyFor("https", "localhost")).isEmpty();
    assertThat(routes.proxyFor("https", "api.internal.example")).isEmpty();
    assertThat(routes.proxyFor("https", "internal.example")).isEmpty();
    assertThat(routes.proxyFor("https", "ec2.cn-north-1.amazonaws.com.cn")).isEmpty();
    assertThat(routes.proxyFor("https", "169.254.169.254")).isEmpty();
    assertThat(routes.proxyFor("https", "10.20.30.40")).isEmpty();
    assertThat(routes.proxyFor("https", "vpce")).isEmpty();
    // a suffix is a domain, not any string ending the same way
    assertThat(routes.proxyFor("https", "notinternal.example")).isEqualTo(CORP);
    assertThat(routes.proxyFor("https", "11.0.0.1")).isEqualTo(CORP);
    assertThat(routes.proxyFor("https", "ec2.us-east-1.amazonaws.com")).isEqualTo(CORP);
  }

  @Test
  void aStarBypassesEverything() {
    ProxyRoutes routes =
        ProxyRoutes.from(Map.of("HTTPS_PROXY", "proxy.corp:3128", "NO_PROXY", "*"));

    assertThat(routes.proxyFor("https", "sts.amazonaws.com")).isEmpty();
  }

  @Test
  void aProxyUrlThatIsNotOneIsBadInputWithoutEchoingIt() {
    assertThatThrownBy(() -> ProxyRoutes.from(Map.of("HTTPS_PROXY", "http://user:s3cret@")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HTTPS_PROXY")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void credentialsInTheProxyUrlAreOfferedToThatProxyOnly() {
    ProxyRoutes routes =
        ProxyRoutes.from(Map.of("HTTPS_PROXY", "http://scanner:p%40ss@proxy.corp:3128"));

    var credentials =
        routes.credentials().getCredentials(new org.apache.http.auth.AuthScope("proxy.corp", 3128));
    assertThat(credentials.getUserPrincipal().getName()).isEqualTo("scanner");
    assertThat(routes.describe()).containsExactly("HTTPS_PROXY proxy.corp:3128");
  }
}
