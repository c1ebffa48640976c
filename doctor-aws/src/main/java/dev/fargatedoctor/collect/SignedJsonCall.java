package dev.fargatedoctor.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
 * One JSON POST to an AWS API, signed with the SDK's own SigV4 signer and sent through the scan's
 * HTTP client (proxies, CA bundle): for the few APIs whose SDK module Maven Central does not serve
 * at this build's SDK version (Organizations, Security Hub). Throttling, 5xx answers and I/O errors
 * are retried with exponential back-off; any other refusal is a {@link Refused}.
 */
public final class SignedJsonCall {
  private static final int MAX_ATTEMPTS = 5;

  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final String service;
  private final String region;
  private final ApiCallRecorder recorder;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param service the signing name ({@code organizations}, {@code securityhub})
   * @param region the Region the request is signed for
   */
  public SignedJsonCall(
      SdkHttpClient http,
      AwsCredentialsProvider credentials,
      String service,
      String region,
      ApiCallRecorder recorder) {
    this.http = http;
    this.credentials = credentials;
    this.service = service;
    this.region = region;
    this.recorder = recorder;
  }

  /** The same, counting its calls in a recorder of its own (a test's direct call). */
  public SignedJsonCall(
      SdkHttpClient http, AwsCredentialsProvider credentials, String service, String region) {
    this(http, credentials, service, region, new ApiCallRecorder());
  }

  /** AWS's endpoint for this service and Region, or the override (moto, LocalStack) with path. */
  public URI endpoint(URI override, String path) {
    URI base =
        override != null
            ? override
            : URI.create("https://" + service + "." + region + ".amazonaws.com");
    String root = base.toString().replaceAll("/+$", "");
    return URI.create(root + path);
  }

  /**
   * POSTs the body and returns the answer's JSON (an empty object when there is none).
   *
   * @param action the IAM action, named in errors ({@code securityhub:BatchImportFindings})
   * @param headers the protocol's headers (Content-Type, X-Amz-Target)
   */
  public JsonNode post(URI uri, Map<String, String> headers, JsonNode body, String action) {
    byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
    recorder.signedCall(action);
    for (int attempt = 1; ; attempt++) {
      recorder.signedAttempt(action);
      SdkHttpFullRequest.Builder builder =
          SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(uri);
      headers.forEach(builder::putHeader);
      SdkHttpFullRequest request = builder.build();
      SignedRequest signed =
          AwsV4HttpSigner.create()
              .sign(
                  r ->
                      r.identity(credentials.resolveCredentials())
                          .request(request)
                          .payload(ContentStreamProvider.fromByteArray(payload))
                          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                          .putProperty(AwsV4HttpSigner.REGION_NAME, region));
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
        // JSON 1.1 names the error in __type; REST-JSON in a header, or code/Code in the body
        String type =
            response
                .httpResponse()
                .firstMatchingHeader("x-amzn-ErrorType")
                .orElse(
                    answer
                        .path("__type")
                        .asText(answer.path("code").asText(answer.path("Code").asText(""))));
        if (type.isBlank()) type = "HTTP " + status;
        type = type.substring(type.lastIndexOf('#') + 1);
        int colon = type.indexOf(':');
        if (colon > 0) type = type.substring(0, colon);
        boolean retry =
            status >= 500 || type.contains("Throttling") || type.contains("TooManyRequests");
        if (retry && attempt < MAX_ATTEMPTS) {
          pause(attempt, action);
          continue;
        }
        throw new Refused(
            action, type, answer.path("Message").asText(answer.path("message").asText("")));
      } catch (IOException e) {
        if (attempt < MAX_ATTEMPTS) {
          pause(attempt, action);
          continue;
        }
        throw new UncheckedIOException(action + ": " + e.getMessage(), e);
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

  // These APIs allow a few calls a second at most: back off, exponentially.
  private static void pause(int attempt, String action) {
    try {
      Thread.sleep(Math.min(8_000L, 500L << (attempt - 1)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying " + action, e);
    }
  }

  /** An error the API answered (AccessDenied, InvalidInputException...). */
  public static final class Refused extends RuntimeException {
    private final String action;
    private final String code;
    private final String detail;

    Refused(String action, String code, String detail) {
      super(action + " failed: " + code + (detail.isBlank() ? "" : ": " + detail));
      this.action = action;
      this.code = code;
      this.detail = detail;
    }

    public String action() {
      return action;
    }

    public String code() {
      return code;
    }

    public String detail() {
      return detail;
    }

    public boolean denied() {
      return code.contains("AccessDenied") || code.contains("UnauthorizedOperation");
    }
  }
}
