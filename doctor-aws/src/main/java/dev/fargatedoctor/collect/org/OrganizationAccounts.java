package dev.fargatedoctor.collect.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.collect.SignedJsonCall;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The ACTIVE accounts of the caller's organisation, from Organizations ListAccounts (every page).
 * Maven Central serves no Organizations module of the SDK version this build uses, so this is the
 * one call made by hand ({@link SignedJsonCall}: the JSON 1.1 protocol, signed with the SDK's own
 * SigV4 signer, through the scan's HTTP client). Organizations is global: us-east-1 signs it.
 */
public final class OrganizationAccounts {
  static final String TARGET = "AWSOrganizationsV20161128.ListAccounts";

  private final SignedJsonCall call;
  private final URI endpoint;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param endpoint an override (moto, LocalStack), or null for AWS's
   */
  public OrganizationAccounts(
      SdkHttpClient http,
      AwsCredentialsProvider credentials,
      URI endpoint,
      ApiCallRecorder recorder) {
    this.call = new SignedJsonCall(http, credentials, "organizations", "us-east-1", recorder);
    this.endpoint = call.endpoint(endpoint, "");
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
    try {
      return call.post(
          endpoint,
          Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", TARGET),
          body,
          "organizations:ListAccounts");
    } catch (SignedJsonCall.Refused e) {
      throw new OrganizationsException(e.code(), e.detail());
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
