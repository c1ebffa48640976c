package dev.fargatedoctor.collect.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * The ACTIVE accounts of the caller's organisation, from Organizations ListAccounts (every page).
 * Maven Central serves no Organizations module of the SDK version this build uses, so this is the
 * one call made by hand: the JSON 1.1 protocol, signed with the SDK's own SigV4 signer, sent
 * through the scan's HTTP client (proxies, CA bundle). Organizations is global: us-east-1 signs it.
 */
public final class OrganizationAccounts {
  static final String TARGET = "AWSOrganizationsV20161128.ListAccounts";
  private static final int MAX_ATTEMPTS = 5;

  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final URI endpoint;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param endpoint an override (moto, LocalStack), or null for AWS's
   */
  public OrganizationAccounts(
      SdkHttpClient http, AwsCredentialsProvider credentials, URI endpoint) {
    this.http = http;
    this.credentials = credentials;
    this.endpoint =
        endpoint != null ? endpoint : URI.create("https://organizations.us-east-1.amazonaws.com");
  }

  /** Every ACTIVE account; suspended and closing accounts cannot be scanned. */
  public List<Account> active() {
    List<Account> accounts = new ArrayList<>();
    String next = null;
    do {
      ObjectNode body = json.createObjectNode();
      if (next != null) body.put("NextToken", next);
      JsonNode page = call(body);
      for (JsonNode a : page.path("Accounts")) {
        String status = a.path("Status").asText(a.path("State").asText(""));
        if ("ACTIVE".equals(status)) {
          accounts.add(new Account(a.path("Id").asText(), a.path("Name").asText(null)));
        }
      }
      next = page.hasNonNull("NextToken") ? page.get("NextToken").asText() : null;
    } while (next != null);
    return accounts;
  }

  private JsonNode call(ObjectNode body) {
    byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
    for (int attempt = 1; ; attempt++) {
      SdkHttpFullRequest request =
          SdkHttpFullRequest.builder()
              .method(SdkHttpMethod.POST)
              .uri(endpoint)
              .putHeader("Content-Type", "application/x-amz-json-1.1")
              .putHeader("X-Amz-Target", TARGET)
              .build();
      SignedRequest signed =
          AwsV4HttpSigner.create()
              .sign(
                  r ->
                      r.identity(credentials.resolveCredentials())
                          .request(request)
                          .payload(ContentStreamProvider.fromByteArray(payload))
                          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "organizations")
                          .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
      try {
        HttpExecuteResponse response =
            http.prepareRequest(
                    HttpExecuteRequest.builder()
                        .request(signed.request())
                        .contentStreamProvider(signed.payload().orElse(null))
                        .build())
                .call();
        int status = response.httpResponse().statusCode();
        JsonNode answer = read(response);
        if (status / 100 == 2) return answer;
        String type = answer.path("__type").asText("HTTP " + status);
        type = type.substring(type.lastIndexOf('#') + 1);
        boolean retry =
            status >= 500 || type.contains("Throttling") || type.contains("TooManyRequests");
        if (retry && attempt < MAX_ATTEMPTS) {
          pause(attempt);
          continue;
        }
        throw new OrganizationsException(
            type, answer.path("Message").asText(answer.path("message").asText("")));
      } catch (IOException e) {
        if (attempt < MAX_ATTEMPTS) {
          pause(attempt);
          continue;
        }
        throw new UncheckedIOException("organizations:ListAccounts: " + e.getMessage(), e);
      }
    }
  }

  private JsonNode read(HttpExecuteResponse response) throws IOException {
    if (response.responseBody().isEmpty()) return json.createObjectNode();
    try (InputStream in = response.responseBody().get()) {
      byte[] bytes = in.readAllBytes();
      if (bytes.length == 0) return json.createObjectNode();
      try {
        return json.readTree(bytes);
      } catch (IOException e) {
        return json.createObjectNode();
      }
    }
  }

  // Organizations allows about one ListAccounts call a second: back off, exponentially.
  private static void pause(int attempt) {
    try {
      Thread.sleep(Math.min(8_000L, 500L << (attempt - 1)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing the organisation's accounts", e);
    }
  }

  /** An error Organizations answered (AccessDenied, AWSOrganizationsNotInUseException...). */
  public static final class OrganizationsException extends RuntimeException {
    private final String code;

    OrganizationsException(String code, String message) {
      super(
          "organizations:ListAccounts failed: "
              + code
              + (message.isBlank() ? "" : ": " + message)
              + (code.contains("AccessDenied")
                  ? " (the caller needs organizations:ListAccounts, from the management account or"
                      + " a delegated administrator; or give --accounts)"
                  : code.contains("NotInUse")
                      ? " (the caller's account is in no organisation: give --accounts)"
                      : ""));
      this.code = code;
    }

    public String code() {
      return code;
    }
  }
}
