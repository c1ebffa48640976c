package dev.fargatedoctor.check.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.policybuilder.iam.IamAction;
import software.amazon.awssdk.policybuilder.iam.IamCondition;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;
import software.amazon.awssdk.policybuilder.iam.IamPrincipalType;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * Decides whether a role's trust policy lets an AWS service principal call sts:AssumeRole. Reads
 * the policy with the AWS SDK's IAM policy model, so Principal.Service as a string or a list, "*"
 * principals, NotPrincipal, NotAction and wildcards all count, and an explicit Deny wins. Of
 * conditions it evaluates the confused-deputy keys ECS sends (aws:SourceAccount, aws:SourceArn);
 * any other condition makes the answer "conditional" rather than a guess.
 */
public final class TrustPolicy {
  private static final String ASSUME_ROLE = "sts:AssumeRole";

  public enum Outcome {
    TRUSTED,
    TRUSTS_ANYONE,
    CONDITIONAL,
    NOT_TRUSTED,
    DENIED,
    MALFORMED
  }

  /** The verdict, a one-line reason, and the principals the policy does trust (for evidence). */
  public record Verdict(Outcome outcome, String reason, List<String> trustedPrincipals) {}

  private TrustPolicy() {}

  /**
   * @param servicePrincipal e.g. {@code ecs-tasks.amazonaws.com}
   * @param accountId the scanned account, to evaluate aws:SourceAccount (may be null)
   * @param region the region tasks run in, to evaluate aws:SourceArn
   */
  public static Verdict evaluate(
      JsonNode document, String servicePrincipal, String accountId, String region) {
    if (document == null || document.isNull() || document.isMissingNode()) {
      return new Verdict(Outcome.MALFORMED, "the role has no trust policy document", List.of());
    }
    if (document.isTextual()) {
      return new Verdict(
          Outcome.MALFORMED,
          "the trust policy is not valid JSON: " + abbreviate(document.asText()),
          List.of());
    }
    IamPolicy policy;
    try {
      policy = IamPolicy.fromJson(document.toString());
    } catch (RuntimeException e) {
      return new Verdict(
          Outcome.MALFORMED,
          "the trust policy is not a valid IAM policy: " + e.getMessage(),
          List.of());
    }
    if (policy.statements().isEmpty()) {
      return new Verdict(Outcome.MALFORMED, "the trust policy has no statements", List.of());
    }

    List<String> trusted = new ArrayList<>();
    String allowReason = null;
    String conditionalReason = null;
    String ruledOutReason = null;
    boolean anyone = false;
    for (IamStatement st : policy.statements()) {
      if (isAllow(st)) {
        st.principals().forEach(p -> trusted.add(describe(p)));
      }
      Match principal = principalMatch(st, servicePrincipal);
      if (principal == Match.NO || !actionMatches(st)) continue;
      ConditionResult cond = conditions(st.conditions(), accountId, region);
      if (!isAllow(st)) {
        if (cond.result == Match.YES) {
          return new Verdict(
              Outcome.DENIED,
              "statement "
                  + sid(st)
                  + " denies "
                  + servicePrincipal
                  + " "
                  + ASSUME_ROLE
                  + (cond.detail == null ? "" : " (" + cond.detail + ")"),
              trusted);
        }
        if (cond.result == Match.UNKNOWN)
          conditionalReason = "a Deny statement " + sid(st) + " applies when " + cond.detail;
        continue;
      }
      switch (cond.result) {
        case YES -> {
          if (principal == Match.ANYONE) anyone = true;
          else allowReason = "statement " + sid(st) + " allows " + servicePrincipal;
        }
        case UNKNOWN ->
            conditionalReason =
                "statement "
                    + sid(st)
                    + " allows "
                    + servicePrincipal
                    + " only when "
                    + cond.detail;
        default ->
            ruledOutReason =
                "statement "
                    + sid(st)
                    + " names "
                    + servicePrincipal
                    + " but its condition "
                    + "excludes this account: "
                    + cond.detail;
      }
    }
    if (conditionalReason != null && conditionalReason.startsWith("a Deny")) {
      return new Verdict(Outcome.CONDITIONAL, conditionalReason, trusted);
    }
    if (allowReason != null) return new Verdict(Outcome.TRUSTED, allowReason, trusted);
    if (anyone) {
      return new Verdict(
          Outcome.TRUSTS_ANYONE,
          "the policy allows any principal (\"*\") to assume the role",
          trusted);
    }
    if (conditionalReason != null)
      return new Verdict(Outcome.CONDITIONAL, conditionalReason, trusted);
    if (ruledOutReason != null) return new Verdict(Outcome.NOT_TRUSTED, ruledOutReason, trusted);
    return new Verdict(
        Outcome.NOT_TRUSTED,
        "no statement allows "
            + servicePrincipal
            + " to call "
            + ASSUME_ROLE
            + (trusted.isEmpty() ? "" : "; it trusts " + String.join(", ", trusted)),
        trusted);
  }

  private enum Match {
    YES,
    ANYONE,
    NO,
    UNKNOWN
  }

  // The policy model creates effect values while parsing: compare their text, not their identity.
  private static boolean isAllow(IamStatement st) {
    return IamEffect.ALLOW.value().equalsIgnoreCase(st.effect().value());
  }

  private static Match principalMatch(IamStatement st, String service) {
    if (!st.principals().isEmpty()) {
      for (IamPrincipal p : st.principals()) {
        if (isEveryone(p)) return Match.ANYONE;
        if (isType(p, IamPrincipalType.SERVICE) && p.id().equalsIgnoreCase(service))
          return Match.YES;
      }
      return Match.NO;
    }
    if (!st.notPrincipals().isEmpty()) {
      // NotPrincipal: everyone except those listed.
      boolean excluded =
          st.notPrincipals().stream()
              .anyMatch(
                  p ->
                      isEveryone(p)
                          || (isType(p, IamPrincipalType.SERVICE)
                              && p.id().equalsIgnoreCase(service)));
      return excluded ? Match.NO : Match.YES;
    }
    return Match.NO;
  }

  private static boolean isEveryone(IamPrincipal p) {
    return "*".equals(p.id()) && (isType(p, IamPrincipalType.AWS) || "*".equals(p.type().value()));
  }

  private static boolean isType(IamPrincipal p, IamPrincipalType type) {
    return type.value().equalsIgnoreCase(p.type().value());
  }

  private static boolean actionMatches(IamStatement st) {
    if (!st.actions().isEmpty())
      return st.actions().stream().anyMatch(a -> wildcard(a.value(), ASSUME_ROLE));
    if (!st.notActions().isEmpty())
      return st.notActions().stream()
          .map(IamAction::value)
          .noneMatch(a -> wildcard(a, ASSUME_ROLE));
    return false;
  }

  /** IAM wildcard match: '*' any run, '?' one character, case-insensitive (actions are). */
  static boolean wildcard(String pattern, String value) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*') re.append(".*");
      else if (c == '?') re.append('.');
      else re.append(Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE).matcher(value).matches();
  }

  private record ConditionResult(Match result, String detail) {}

  // Values of one operator+key are ORed; different operators or keys are ANDed.
  private static ConditionResult conditions(
      List<IamCondition> conditions, String accountId, String region) {
    if (conditions.isEmpty()) return new ConditionResult(Match.YES, null);
    Map<String, List<IamCondition>> groups = new LinkedHashMap<>();
    for (IamCondition c : conditions) {
      groups
          .computeIfAbsent(c.operator().value() + "|" + c.key().value(), k -> new ArrayList<>())
          .add(c);
    }
    Match overall = Match.YES;
    List<String> details = new ArrayList<>();
    for (List<IamCondition> group : groups.values()) {
      IamCondition first = group.get(0);
      List<String> values = group.stream().map(IamCondition::value).toList();
      String text = first.operator().value() + " " + first.key().value() + " " + values;
      Match m = evaluate(first.operator().value(), first.key().value(), values, accountId, region);
      if (m == Match.NO)
        return new ConditionResult(
            Match.NO,
            text
                + (accountId == null
                    ? ""
                    : ", account " + accountId + (region == null ? "" : ", region " + region)));
      if (m == Match.UNKNOWN) {
        overall = Match.UNKNOWN;
        details.add(text);
      }
    }
    return new ConditionResult(overall, details.isEmpty() ? null : String.join(" and ", details));
  }

  private static Match evaluate(
      String operator, String key, List<String> values, String accountId, String region) {
    String op = operator.replaceFirst("^For(Any|All)Values?:", "");
    op = op.endsWith("IfExists") ? op.substring(0, op.length() - 8) : op;
    boolean negated = op.contains("Not");
    String base = op.replace("Not", "");
    String k = key.toLowerCase(Locale.ROOT);
    String actual;
    if (k.equals("aws:sourceaccount")) {
      if (accountId == null) return Match.UNKNOWN;
      actual = accountId;
    } else if (k.equals("aws:sourcearn")) {
      if (accountId == null || region == null) return Match.UNKNOWN;
      // ECS passes the ARN of the task (or cluster) asking for credentials; any ECS ARN of this
      // account
      // and region stands for it, so only those fields are compared.
      return matchesSourceArn(base, values, accountId, region) != negated ? Match.YES : Match.NO;
    } else {
      return Match.UNKNOWN;
    }
    boolean any;
    switch (base) {
      case "StringEquals", "ArnEquals" -> any = values.contains(actual);
      case "StringEqualsIgnoreCase" -> any = values.stream().anyMatch(actual::equalsIgnoreCase);
      case "StringLike", "ArnLike" -> any = values.stream().anyMatch(v -> wildcard(v, actual));
      default -> {
        return Match.UNKNOWN;
      }
    }
    return any != negated ? Match.YES : Match.NO;
  }

  private static boolean matchesSourceArn(
      String operator, List<String> patterns, String account, String region) {
    for (String pattern : patterns) {
      String[] f = pattern.split(":", 6);
      if (f.length < 6) continue;
      boolean like = operator.contains("Like");
      if (fieldMatches(f[2], "ecs", like)
          && fieldMatches(f[3], region, like)
          && fieldMatches(f[4], account, like)) {
        return true;
      }
    }
    return false;
  }

  private static boolean fieldMatches(String pattern, String value, boolean like) {
    return like ? wildcard(pattern, value) : pattern.equals(value);
  }

  private static String describe(IamPrincipal p) {
    return isEveryone(p) ? "*" : p.type().value() + ":" + p.id();
  }

  private static String sid(IamStatement st) {
    return st.sid() == null ? "(no Sid)" : "'" + st.sid() + "'";
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }
}
