package dev.fargatedoctor.collect;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpService;

/**
 * The HTTP client the SDK builds for itself where no client is given: behind the credential
 * providers (STS for assume-role and web identity, IAM Identity Center). Named by the system
 * property {@code software.amazon.awssdk.http.service.impl} (set by {@link AwsClients}), so those
 * calls go through the same proxies and trust the same CA bundle as the scan. Public: the SDK
 * instantiates it by reflection from that name.
 */
public final class ConfiguredHttpService implements SdkHttpService {
  @Override
  public SdkHttpClient.Builder<?> createHttpClientBuilder() {
    return CorporateNetwork.installed().httpClient();
  }
}
