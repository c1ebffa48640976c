package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.collect.ApiCallRecorder;
import dev.fargatedoctor.snapshot.SnapshotJson;
import dev.fargatedoctor.testkit.MotoEnvironment;
import dev.fargatedoctor.testkit.MotoExtension;
import dev.fargatedoctor.testkit.MotoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scans as identities whose IAM policy denies some reads, with moto enforcing IAM as AWS does: the
 * role-by-role reads stand in for a denied GetAccountAuthorizationDetails and judge the roles the
 * same way; where those are denied too, every role is UNKNOWN, named with the services that use it.
 */
@ExtendWith(MotoExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamFallbackIT {
  private static final List<String> ROLE_CHECKS =
      List.of("EXEC-ROLE-TRUST", "TASK-ROLE-TRUST", "EXEC-ROLE-PERMS");

  private MotoServer moto;
  private final Map<String, String[]> keys = new TreeMap<>();
  private JsonNode allowed;

  @BeforeAll
  void environmentAndScanners(MotoServer moto) throws Exception {
    this.moto = moto;
    moto.reset();
    try (MotoEnvironment env = new MotoEnvironment(moto.endpoint(), "us-east-1")) {
      String vpc = env.vpc("10.7.0.0/16");
      String subnet = env.subnet(vpc, "10.7.1.0/24", "us-east-1a");
      String exec =
          env.role("fb-execution", MotoEnvironment.trustingService("\"ecs-tasks.amazonaws.com\""));
      env.iam.attachRolePolicy(
          r ->
              r.roleName("fb-execution")
                  .policyArn(
                      "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"));
      String task = env.role("fb-task", MotoEnvironment.trustingService("\"ec2.amazonaws.com\""));
      env.iam.putRolePolicy(
          r ->
              r.roleName("fb-task")
                  .policyName("inline")
                  .policyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ssmmessages:*\",\"Resource\":\"*\"}]}"));
      env.service(
          env.cluster("production"),
          "api",
          env.taskDefinition("api", exec, task),
          List.of(subnet),
          List.of(env.securityGroup(vpc, "api")),
          1);
      scanner(env, "no-gaad", "iam:GetAccountAuthorizationDetails");
      scanner(env, "no-iam", "iam:*");
      scanner(env, "no-inline-list", "iam:GetAccountAuthorizationDetails", "iam:ListRolePolicies");
    }
    allowed = scan(new ApiCallRecorder(), "testing", "testing");
    moto.enforceIam(true);
  }

  @AfterAll
  void stopEnforcing() {
    if (moto != null) moto.enforceIam(false);
  }

  // A user allowed everything but the given actions, and its access key.
  private void scanner(MotoEnvironment env, String name, String... denied) {
    env.iam.createUser(b -> b.userName(name));
    env.iam.putUserPolicy(
        b ->
            b.userName(name)
                .policyName("scan")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":["
                        + "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                        + "{\"Effect\":\"Deny\",\"Action\":"
                        + SnapshotJson.mapper().valueToTree(List.of(denied))
                        + ",\"Resource\":\"*\"}]}"));
    var key = env.iam.createAccessKey(b -> b.userName(name)).accessKey();
    keys.put(name, new String[] {key.accessKeyId(), key.secretAccessKey()});
  }

  private JsonNode scan(ApiCallRecorder recorder, String user) throws Exception {
    return scan(recorder, keys.get(user)[0], keys.get(user)[1]);
  }

  private JsonNode scan(ApiCallRecorder recorder, String keyId, String secret) throws Exception {
    String[] before = {
      System.getProperty("aws.accessKeyId"), System.getProperty("aws.secretAccessKey")
    };
    System.setProperty("aws.accessKeyId", keyId);
    System.setProperty("aws.secretAccessKey", secret);
    try {
      Run run =
          Run.live(
              recorder,
              "scan",
              "--endpoint-url",
              moto.endpoint().toString(),
              "--region",
              "us-east-1",
              "--output",
              "json",
              "--include-passed");
      assertThat(run.err()).doesNotContain("Exception");
      return SnapshotJson.mapper().readTree(run.out());
    } finally {
      System.setProperty("aws.accessKeyId", before[0]);
      System.setProperty("aws.secretAccessKey", before[1]);
    }
  }

  private static List<String> roleVerdicts(JsonNode report) {
    List<String> out = new ArrayList<>();
    report
        .get("findings")
        .forEach(
            f -> {
              if (ROLE_CHECKS.contains(f.get("checkId").asText())) {
                out.add(
                    f.get("checkId").asText()
                        + " "
                        + f.get("resource").get("id").asText()
                        + " "
                        + f.get("status").asText());
              }
            });
    out.sort(null);
    return out;
  }

  private static JsonNode coverage(JsonNode report, String action) {
    for (JsonNode c : report.get("coverage")) {
      if (c.get("action").asText().equals(action)) return c;
    }
    throw new AssertionError("no coverage for " + action + ": " + report.get("coverage"));
  }

  @Test
  void withAuthorizationDetailsDeniedTheRolesAreReadOneByOneAndJudgedTheSame() throws Exception {
    ApiCallRecorder recorder = new ApiCallRecorder();
    JsonNode report = scan(recorder, "no-gaad");

    assertThat(coverage(report, "iam:GetAccountAuthorizationDetails").get("outcome").asText())
        .isEqualTo("DENIED");
    assertThat(coverage(report, "iam:GetRole").get("outcome").asText()).isEqualTo("OK");
    assertThat(roleVerdicts(report))
        .isEqualTo(roleVerdicts(allowed))
        .contains("TASK-ROLE-TRUST fb-task FAIL")
        .noneMatch(v -> v.endsWith("UNKNOWN"));
    // every role-by-role read of the documented policy, and nothing outside its two statements
    Set<String> documented = new TreeSet<>(ReadOnlyScanIT.policyActions(ReadOnlyScanIT.SCAN));
    documented.addAll(ReadOnlyScanIT.policyActions(ReadOnlyScanIT.ROLE_BY_ROLE));
    assertThat(recorder.actions())
        .containsAll(ReadOnlyScanIT.policyActions(ReadOnlyScanIT.ROLE_BY_ROLE))
        .isSubsetOf(documented);
  }

  @Test
  void withEveryIamReadDeniedEachRoleIsUnknownNamingTheServicesThatUseIt() throws Exception {
    JsonNode report = scan(new ApiCallRecorder(), "no-iam");

    List<JsonNode> trust = new ArrayList<>();
    report
        .get("findings")
        .forEach(
            f -> {
              if (f.get("checkId").asText().equals("EXEC-ROLE-TRUST")) trust.add(f);
            });
    assertThat(trust)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.get("status").asText()).isEqualTo("UNKNOWN");
              assertThat(f.get("resource").get("id").asText()).isEqualTo("fb-execution");
              assertThat(f.get("title").asText())
                  .contains("iam:GetAccountAuthorizationDetails denied", "iam:GetRole denied");
              assertThat(f.get("evidence").get("services").toString()).contains("api");
            });
  }

  @Test
  void aRoleWhoseInlinePoliciesCannotBeListedIsNotJudgedOnHalfItsPolicies() throws Exception {
    JsonNode report = scan(new ApiCallRecorder(), "no-inline-list");

    assertThat(roleVerdicts(report))
        .contains("EXEC-ROLE-TRUST fb-execution PASS", "EXEC-ROLE-PERMS api:1 UNKNOWN");
    JsonNode perms = null;
    for (JsonNode f : report.get("findings")) {
      if (f.get("checkId").asText().equals("EXEC-ROLE-PERMS")) perms = f;
    }
    assertThat(perms.toString()).contains("iam:ListRolePolicies denied");
  }
}
