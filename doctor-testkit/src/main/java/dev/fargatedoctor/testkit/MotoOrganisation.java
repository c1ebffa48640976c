package dev.fargatedoctor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * An AWS organisation in moto: the management account is {@link MotoEnvironment#ACCOUNT}, member
 * accounts are created through Organizations (moto puts an OrganizationAccountAccessRole in each)
 * and entered by assuming that role, after which moto files everything the member's credentials
 * create under the member's account. No Organizations module of the SDK is on Maven Central for
 * this build's SDK version, so the two calls go out as plain JSON 1.1 requests: moto routes them by
 * the service in the credential scope and does not check signatures.
 */
public final class MotoOrganisation {
  public static final String ROLE = "OrganizationAccountAccessRole";

  private final URI endpoint;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  public MotoOrganisation(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** Creates the organisation, with the caller's account as its management account. */
  public MotoOrganisation create() {
    call("CreateOrganization", "{\"FeatureSet\":\"ALL\"}");
    return this;
  }

  /** Creates a member account and returns its id. */
  public String createAccount(String name) {
    JsonNode answer =
        call(
            "CreateAccount",
            json.createObjectNode()
                .put("AccountName", name)
                .put("Email", name + "@example.com")
                .toString());
    return answer.path("CreateAccountStatus").path("AccountId").asText();
  }

  /** An environment in a member account, entered through its OrganizationAccountAccessRole. */
  public MotoEnvironment member(String account, String region) {
    StsClient sts =
        StsClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(MotoEnvironment.CREDENTIALS)
            .build();
    StsAssumeRoleCredentialsProvider credentials =
        StsAssumeRoleCredentialsProvider.builder()
            .stsClient(sts)
            .refreshRequest(
                r ->
                    r.roleArn("arn:aws:iam::" + account + ":role/" + ROLE)
                        .roleSessionName("testkit"))
            .build();
    return new MotoEnvironment(endpoint, region, credentials);
  }

  private JsonNode call(String operation, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "AWSOrganizationsV20161128." + operation)
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/organizations/aws4_request,"
                    + " SignedHeaders=host, Signature=0")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "organizations:"
                + operation
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("organizations:" + operation + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
