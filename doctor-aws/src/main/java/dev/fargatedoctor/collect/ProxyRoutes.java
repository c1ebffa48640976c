package dev.fargatedoctor.collect;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.client.CredentialsProvider;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.impl.conn.DefaultRoutePlanner;
import org.apache.http.protocol.HttpContext;

/**
 * The proxies the environment names, chosen per request as the aws CLI chooses them: HTTPS_PROXY
 * for https URLs, HTTP_PROXY for http ones, none for a host NO_PROXY lists (lower-case names win,
 * as in curl and Python). The SDK's own environment support reads only HTTP_PROXY and splits
 * NO_PROXY on '|', which is why the routes are planned here.
 */
final class ProxyRoutes extends DefaultRoutePlanner {
  private final Optional<URI> httpsProxy;
  private final Optional<URI> httpProxy;
  private final List<String> noProxy;

  ProxyRoutes(Optional<URI> httpsProxy, Optional<URI> httpProxy, List<String> noProxy) {
    super(null);
    this.httpsProxy = httpsProxy;
    this.httpProxy = httpProxy;
    this.noProxy = List.copyOf(noProxy);
  }

  static ProxyRoutes from(Map<String, String> env) {
    return new ProxyRoutes(
        proxy(env, "https_proxy", "HTTPS_PROXY"),
        proxy(env, "http_proxy", "HTTP_PROXY"),
        value(env, "no_proxy", "NO_PROXY")
            .map(v -> List.of(v.split(",")))
            .orElse(List.of())
            .stream()
            .map(s -> s.trim().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .toList());
  }

  boolean any() {
    return httpsProxy.isPresent() || httpProxy.isPresent();
  }

  /** The proxy a URL goes through, if any. */
  Optional<URI> proxyFor(String scheme, String host) {
    if (bypasses(host)) return Optional.empty();
    return "https".equalsIgnoreCase(scheme) ? httpsProxy : httpProxy;
  }

  @Override
  protected HttpHost determineProxy(HttpHost target, HttpRequest request, HttpContext context) {
    return proxyFor(target.getSchemeName(), target.getHostName())
        .map(p -> new HttpHost(p.getHost(), port(p), p.getScheme()))
        .orElse(null);
  }

  /** The user and password a proxy URL carries (http://user:secret@proxy:3128). */
  CredentialsProvider credentials() {
    BasicCredentialsProvider provider = new BasicCredentialsProvider();
    for (Optional<URI> proxy : List.of(httpsProxy, httpProxy)) {
      proxy
          .filter(p -> p.getUserInfo() != null)
          .ifPresent(
              p -> {
                String[] userInfo = p.getUserInfo().split(":", 2);
                provider.setCredentials(
                    new AuthScope(p.getHost(), port(p)),
                    new UsernamePasswordCredentials(
                        userInfo[0], userInfo.length > 1 ? userInfo[1] : ""));
              });
    }
    return provider;
  }

  // NO_PROXY entries: "*", a host or domain (with or without a leading dot, matching its
  // sub-domains too), an IP address, or an IPv4 CIDR block; a ":port" suffix is ignored.
  private boolean bypasses(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
    for (String entry : noProxy) {
      if (entry.equals("*")) return true;
      String e = stripPort(entry);
      if (e.startsWith(".")) e = e.substring(1);
      if (e.contains("/")) {
        if (inCidr(h, e)) return true;
      } else if (h.equals(e) || h.endsWith("." + e)) {
        return true;
      }
    }
    return false;
  }

  private static String stripPort(String entry) {
    if (entry.startsWith("[")) {
      int close = entry.indexOf(']');
      return close > 0 ? entry.substring(1, close) : entry;
    }
    int colon = entry.indexOf(':');
    // One colon is host:port; more are an IPv6 address.
    return colon > 0 && entry.indexOf(':', colon + 1) < 0 ? entry.substring(0, colon) : entry;
  }

  private static boolean inCidr(String host, String cidr) {
    String[] parts = cidr.split("/", 2);
    try {
      byte[] address = ipv4(host);
      byte[] network = ipv4(parts[0]);
      int bits = Integer.parseInt(parts[1]);
      if (address == null || network == null || bits < 0 || bits > 32) return false;
      int mask = bits == 0 ? 0 : -1 << (32 - bits);
      return (toInt(address) & mask) == (toInt(network) & mask);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  // Only literal addresses: a host name is never looked up to decide on a proxy.
  private static byte[] ipv4(String text) {
    if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) return null;
    try {
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static int toInt(byte[] b) {
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }

  private static int port(URI proxy) {
    if (proxy.getPort() > 0) return proxy.getPort();
    return "https".equalsIgnoreCase(proxy.getScheme()) ? 443 : 80;
  }

  private static Optional<String> value(Map<String, String> env, String... names) {
    for (String name : names) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) return Optional.of(v.trim());
    }
    return Optional.empty();
  }

  private static Optional<URI> proxy(Map<String, String> env, String lower, String upper) {
    return value(env, lower, upper)
        .map(
            text -> {
              String withScheme = text.contains("://") ? text : "http://" + text;
              try {
                URI uri = new URI(withScheme);
                if (uri.getHost() == null) throw new URISyntaxException(text, "no host");
                return uri;
              } catch (URISyntaxException e) {
                // The value is not echoed: it may carry a password.
                throw new IllegalArgumentException(
                    upper + " is not a proxy URL such as http://proxy.example.com:3128");
              }
            });
  }

  /** For messages: the proxies in use, without their passwords. */
  List<String> describe() {
    List<String> out = new ArrayList<>();
    httpsProxy.ifPresent(p -> out.add("HTTPS_PROXY " + p.getHost() + ":" + port(p)));
    httpProxy.ifPresent(p -> out.add("HTTP_PROXY " + p.getHost() + ":" + port(p)));
    return out;
  }
}
