package dev.fargatedoctor.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.collect.SignedJsonCall;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Security Hub BatchImportFindings, made by hand ({@link SignedJsonCall}: Maven Central serves no
 * Security Hub module of this build's SDK version). Each finding goes to the Region its {@code
 * Region} names, since Security Hub imports a product's findings only in the product ARN's Region,
 * at most 100 per call. The only call: {@code securityhub:BatchImportFindings}
 * (docs/iam-policy-securityhub-import.json).
 */
public final class SecurityHubImport {
  public static final String ACTION = "securityhub:BatchImportFindings";
  static final int BATCH = 100;
  private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json");

  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final URI endpoint;
  private final ApiCallRecorder recorder;

  /**
   * @param endpoint an override (moto, LocalStack), or null for AWS's
   */
  public SecurityHubImport(
      SdkHttpClient http,
      AwsCredentialsProvider credentials,
      URI endpoint,
      ApiCallRecorder recorder) {
    this.http = http;
    this.credentials = credentials;
    this.endpoint = endpoint;
    this.recorder = recorder;
  }

  /** What Security Hub answered, over every call. */
  public record Outcome(int imported, int calls, List<Failed> failed) {}

  /** A finding Security Hub refused, with its reason. */
  public record Failed(String id, String code, String message) {}

  /**
   * Imports ASFF findings (as {@code --output asff} prints them).
   *
   * @throws SecurityHubImportException when a call is refused (denied, Security Hub not enabled)
   */
  public Outcome importFindings(ArrayNode findings) {
    Map<String, List<JsonNode>> byRegion = new LinkedHashMap<>();
    for (JsonNode f : findings) {
      byRegion.computeIfAbsent(f.path("Region").asText(), r -> new ArrayList<>()).add(f);
    }
    int imported = 0;
    int calls = 0;
    List<Failed> failed = new ArrayList<>();
    for (Map.Entry<String, List<JsonNode>> region : byRegion.entrySet()) {
      SignedJsonCall call =
          new SignedJsonCall(http, credentials, "securityhub", region.getKey(), recorder);
      URI uri = call.endpoint(endpoint, "/findings/import");
      List<JsonNode> all = region.getValue();
      for (int from = 0; from < all.size(); from += BATCH) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("Findings").addAll(all.subList(from, Math.min(all.size(), from + BATCH)));
        JsonNode answer;
        try {
          answer = call.post(uri, HEADERS, body, ACTION);
        } catch (SignedJsonCall.Refused e) {
          throw new SecurityHubImportException(region.getKey(), e, imported);
        }
        calls++;
        imported += answer.path("SuccessCount").asInt();
        for (JsonNode f : answer.path("FailedFindings")) {
          failed.add(
              new Failed(
                  f.path("Id").asText(),
                  f.path("ErrorCode").asText(""),
                  f.path("ErrorMessage").asText("")));
        }
      }
    }
    return new Outcome(imported, calls, List.copyOf(failed));
  }

  /** A BatchImportFindings call Security Hub refused as a whole. */
  public static final class SecurityHubImportException extends RuntimeException {
    SecurityHubImportException(String region, SignedJsonCall.Refused e, int imported) {
      super(
          ACTION
              + " in "
              + region
              + " failed: "
              + e.code()
              + (e.detail().isBlank() ? "" : ": " + e.detail())
              + (e.denied()
                  ? " (the identity needs "
                      + ACTION
                      + " on arn:aws:securityhub:"
                      + region
                      + ":ACCOUNT:product/ACCOUNT/default:"
                      + " docs/iam-policy-securityhub-import.json)"
                  : e.code().contains("InvalidAccess")
                      ? " (Security Hub is not enabled in "
                          + region
                          + ": aws securityhub enable-security-hub --region "
                          + region
                          + ")"
                      : "")
              + (imported > 0 ? "; " + imported + " finding(s) were imported before" : ""),
          e);
    }
  }
}
