package dev.fargatedoctor.check.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.fargatedoctor.check.iam.TrustPolicy.Outcome;
import dev.fargatedoctor.snapshot.SnapshotJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrustPolicyTest {
  private static final String ECS = "ecs-tasks.amazonaws.com";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "service as a string | {'Statement':[{'Effect':'Allow','Principal':{'Service':'ecs-tasks.amazonaws.com'},'Action':'sts:AssumeRole'}]} | TRUSTED",
        "service in a list | {'Statement':[{'Effect':'Allow','Principal':{'Service':['ec2.amazonaws.com','ecs-tasks.amazonaws.com']},'Action':['sts:AssumeRole']}]} | TRUSTED",
        "single statement object | {'Statement':{'Effect':'Allow','Principal':{'Service':'ecs-tasks.amazonaws.com'},'Action':'sts:AssumeRole'}} | TRUSTED",
        "action wildcard | {'Statement':[{'Effect':'Allow','Principal':{'Service':'ecs-tasks.amazonaws.com'},'Action':'sts:*'}]} | TRUSTED",
        "action in other case | {'Statement':[{'Effect':'Allow','Principal':{'Service':'ecs-tasks.amazonaws.com'},'Action':'STS:assumerole'}]} | TRUSTED",
        "write-up's broken role | {'Statement':[{'Effect':'Allow','Principal':{'Service':'ec2.amazonaws.com'},'Action':'sts:AssumeRole'}]} | NOT_TRUSTED",
        "misspelled principal | {'Statement':[{'Effect':'Allow','Principal':{'Service':'ecs-task.amazonaws.com'},'Action':'sts:AssumeRole'}]} | NOT_TRUSTED",
        "wrong action | {'Statement':[{'Effect':'Allow','Principal':{'Service':'ecs-tasks.amazonaws.com'},'Action':'sts:TagSession'}]} | NOT_TRUSTED",
        "NotAction excluding AssumeRole | {'Statement':[{'Effect':'Allow','Principal':{'Service':'ecs-tasks.amazonaws.com'},'NotAction':'sts:AssumeRole'}]} | NOT_TRUSTED",
        "explicit deny wins | {'Statement':[{'Effect':'Allow','Principal':{'Service':'ecs-tasks.amazonaws.com'},'Action':'sts:AssumeRole'},{'Effect':'Deny','Principal':{'Service':['ecs-tasks.amazonaws.com']},'Action':'sts:*'}]} | DENIED",
        "deny for everyone | {'Statement':[{'Effect':'Allow','Principal':{'Service':'ecs-tasks.amazonaws.com'},'Action':'sts:AssumeRole'},{'Effect':'Deny','Principal':'*','Action':'sts:AssumeRole'}]} | DENIED",
        "deny other principal only | {'Statement':[{'Effect':'Allow','Principal':{'Service':'ecs-tasks.amazonaws.com'},'Action':'sts:AssumeRole'},{'Effect':'Deny','Principal':{'Service':'ec2.amazonaws.com'},'Action':'sts:AssumeRole'}]} | TRUSTED",
        "anyone | {'Statement':[{'Effect':'Allow','Principal':'*','Action':'sts:AssumeRole'}]} | TRUSTS_ANYONE",
        "anyone via AWS | {'Statement':[{'Effect':'Allow','Principal':{'AWS':'*'},'Action':'sts:AssumeRole'}]} | TRUSTS_ANYONE",
        "source account matches | {'Statement':[{'Effect':'Allow','Principal':{'Service':'ecs-tasks.amazonaws.com'},'Action':'sts:AssumeRole','Condition':{'StringEquals':{'aws:SourceAccount':'123456789012'}}}]} | TRUSTED",
        "source account of another account | {'Statement':[{'Effect':'Allow','Principal':{'Service':'ecs-tasks.amazonaws.com'},'Action':'sts:AssumeRole','Condition':{'StringEquals':{'aws:SourceAccount':'999988887777'}}}]} | NOT_TRUSTED",
        "source account among several | {'Statement':[{'Effect':'Allow','Principal':{'Service':'ecs-tasks.amazonaws.com'},'Action':'sts:AssumeRole','Condition':{'StringEquals':{'aws:SourceAccount':['999988887777','123456789012']}}}]} | TRUSTED",
        "source arn of this account | {'Statement':[{'Effect':'Allow','Principal':{'Service':'ecs-tasks.amazonaws.com'},'Action':'sts:AssumeRole','Condition':{'ArnLike':{'aws:SourceArn':'arn:aws:ecs:us-east-1:123456789012:*'}}}]} | TRUSTED",
        "source arn of another region | {'Statement':[{'Effect':'Allow','Principal':{'Service':'ecs-tasks.amazonaws.com'},'Action':'sts:AssumeRole','Condition':{'ArnLike':{'aws:SourceArn':'arn:aws:ecs:eu-west-1:123456789012:*'}}}]} | NOT_TRUSTED",
        "both documented conditions | {'Statement':[{'Effect':'Allow','Principal':{'Service':'ecs-tasks.amazonaws.com'},'Action':'sts:AssumeRole','Condition':{'ArnLike':{'aws:SourceArn':'arn:aws:ecs:*:123456789012:*'},'StringEquals':{'aws:SourceAccount':'123456789012'}}}]} | TRUSTED",
        "unknown condition key | {'Statement':[{'Effect':'Allow','Principal':{'Service':'ecs-tasks.amazonaws.com'},'Action':'sts:AssumeRole','Condition':{'StringEquals':{'aws:PrincipalOrgID':'o-abc'}}}]} | CONDITIONAL",
        "negated account condition | {'Statement':[{'Effect':'Allow','Principal':{'Service':'ecs-tasks.amazonaws.com'},'Action':'sts:AssumeRole','Condition':{'StringNotEquals':{'aws:SourceAccount':'123456789012'}}}]} | NOT_TRUSTED",
        "no statements | {'Version':'2012-10-17','Statement':[]} | MALFORMED"
      })
  void decidesWhetherEcsTasksMayAssumeTheRole(String situation, String document, Outcome expected)
      throws Exception {
    var json = SnapshotJson.mapper().readTree(document.replace('\'', '"'));

    TrustPolicy.Verdict verdict = TrustPolicy.evaluate(json, ECS, "123456789012", "us-east-1");

    assertThat(verdict.outcome()).as(situation + ": " + verdict.reason()).isEqualTo(expected);
  }

  @Test
  void aDocumentThatIsNotJsonIsMalformedAndSaysSo() {
    TrustPolicy.Verdict v =
        TrustPolicy.evaluate(TextNode.valueOf("{not json"), ECS, "123456789012", "us-east-1");

    assertThat(v.outcome()).isEqualTo(Outcome.MALFORMED);
    assertThat(v.reason()).contains("not valid JSON").contains("{not json");
  }

  @Test
  void notTrustedNamesWhatThePolicyTrustsInstead() throws Exception {
    var json =
        SnapshotJson.mapper()
            .readTree(
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}");

    TrustPolicy.Verdict v = TrustPolicy.evaluate(json, ECS, "123456789012", "us-east-1");

    assertThat(v.reason())
        .contains("no statement allows ecs-tasks.amazonaws.com")
        .contains("ec2.amazonaws.com");
    assertThat(v.trustedPrincipals()).containsExactly("Service:ec2.amazonaws.com");
  }

  @Test
  void withoutAnAccountIdTheSourceAccountConditionIsConditionalNotAGuess() throws Exception {
    var json =
        SnapshotJson.mapper()
            .readTree(
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                    + "\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"
                    + "{\"aws:SourceAccount\":\"123456789012\"}}}]}");

    assertThat(TrustPolicy.evaluate(json, ECS, null, "us-east-1").outcome())
        .isEqualTo(Outcome.CONDITIONAL);
  }
}
