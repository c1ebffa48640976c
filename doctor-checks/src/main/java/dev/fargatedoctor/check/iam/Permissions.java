package dev.fargatedoctor.check.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fargatedoctor.snapshot.Arns;
import dev.fargatedoctor.snapshot.iam.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.policybuilder.iam.IamAction;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamResource;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * What a role's identity policies (attached managed and inline) allow, read with the AWS SDK's IAM
 * policy model: Allow and Deny, Action and NotAction with wildcards, Resource and NotResource with
 * wildcards; an explicit Deny wins. A statement with a condition makes the answer "conditional" —
 * this scan knows no request context to evaluate it with. A permissions boundary whose document was
 * read caps the result: an action must be allowed by both. What it cannot see is said, not guessed:
 * a policy or a boundary whose document was not readable, and service control policies (never
 * visible from inside an account).
 */
public final class Permissions {
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
  private static final Map<String, Pattern> PATTERNS_IGNORING_CASE = new ConcurrentHashMap<>();

  public enum Decision {
    /** An Allow without conditions applies and no Deny does. */
    ALLOWED,
    /** An Allow or a Deny applies only under a condition. */
    CONDITIONAL,
    /** No statement allows it. */
    NOT_ALLOWED,
    /** A Deny without conditions applies. */
    DENIED,
    /** What was read does not decide it: a policy document, or the list of them, was not read. */
    UNKNOWN
  }

  /**
   * The decision, the statement that made it (policy and Sid), and whether a boundary could still
   * deny.
   */
  public record Verdict(Decision decision, String because, boolean boundaryMayDeny) {
    /**
     * True when this scan can say for sure the action is allowed: no condition, no unread boundary.
     */
    public boolean surelyAllowed() {
      return decision == Decision.ALLOWED && !boundaryMayDeny;
    }

    public boolean surelyMissing() {
      return decision == Decision.NOT_ALLOWED || decision == Decision.DENIED;
    }
  }

  private record Parsed(String policyName, IamPolicy policy) {}

  private final Role role;
  private final List<Parsed> policies = new ArrayList<>();
  private final List<String> unreadable = new ArrayList<>();

  /** The boundary's parsed document; empty when the role has none or it could not be read. */
  private final List<Parsed> boundary = new ArrayList<>();

  private Permissions(Role role) {
    this.role = role;
    for (Role.InlinePolicy p : role.inlinePolicies())
      add("inline policy " + p.policyName(), p.document());
    for (Role.AttachedPolicy p : role.attachedPolicies())
      add("managed policy " + p.policyName(), p.document());
    unreadable.addAll(role.unreadPolicies());
    JsonNode cap = role.permissionsBoundaryDocument();
    if (role.permissionsBoundaryArn() != null && cap != null && cap.isObject()) {
      // An unparsable boundary stays unread: it can only ever make an Allow uncertain.
      try {
        boundary.add(
            new Parsed(
                "permissions boundary " + Arns.lastSegment(role.permissionsBoundaryArn()),
                IamPolicy.fromJson(cap.toString())));
      } catch (RuntimeException malformed) {
        boundary.clear();
      }
    }
  }

  public static Permissions of(Role role) {
    return new Permissions(role);
  }

  private void add(String name, JsonNode document) {
    if (document == null || !document.isObject()) {
      unreadable.add(name);
      return;
    }
    try {
      policies.add(new Parsed(name, IamPolicy.fromJson(document.toString())));
    } catch (RuntimeException malformed) {
      unreadable.add(name + " (not a valid policy)");
    }
  }

  /**
   * Whether the role may call an action on any one of the resource ARNs (forms one resource may
   * take).
   */
  public Verdict evaluate(String action, List<String> resources) {
    Verdict identity = decide(policies, action, resources);
    if (identity.decision() == Decision.NOT_ALLOWED && !unreadable.isEmpty()) {
      return new Verdict(
          Decision.UNKNOWN,
          "no readable statement allows it; not read: " + String.join(", ", unreadable),
          false);
    }
    if (identity.decision() == Decision.ALLOWED && !unreadable.isEmpty()) {
      // A policy nobody read may hold the Deny that wins.
      return new Verdict(
          Decision.UNKNOWN,
          identity.because()
              + ", unless a policy not read denies it (not read: "
              + String.join(", ", unreadable)
              + ")",
          false);
    }
    if (role.permissionsBoundaryArn() == null || identity.surelyMissing()) return identity;
    if (boundary.isEmpty()) {
      // The boundary's document was not read: an Allow may still be capped by it.
      return new Verdict(
          identity.decision(), identity.because(), identity.decision() != Decision.UNKNOWN);
    }
    Verdict capped = decide(boundary, action, resources);
    return switch (capped.decision()) {
      case DENIED -> capped;
      case NOT_ALLOWED ->
          new Verdict(
              Decision.NOT_ALLOWED,
              identity.because() + ", but " + boundary.get(0).policyName() + " does not allow it",
              false);
      case CONDITIONAL -> identity.decision() == Decision.ALLOWED ? capped : identity;
      default ->
          identity.decision() == Decision.ALLOWED
              ? new Verdict(
                  Decision.ALLOWED,
                  identity.because() + " and by " + boundary.get(0).policyName(),
                  false)
              : identity;
    };
  }

  // One set of policies on its own: an unconditional Deny wins, then a condition, then an Allow.
  private static Verdict decide(List<Parsed> parsed, String action, List<String> resources) {
    String allow = null;
    String conditional = null;
    for (Parsed p : parsed) {
      for (IamStatement st : p.policy().statements()) {
        if (!actionMatches(st, action) || !resourceMatches(st, resources)) continue;
        String where = p.policyName() + (st.sid() == null ? "" : " (" + st.sid() + ")");
        boolean deny = IamEffect.DENY.value().equalsIgnoreCase(st.effect().value());
        if (deny && st.conditions().isEmpty())
          return new Verdict(Decision.DENIED, "denied by " + where, false);
        if (!st.conditions().isEmpty()) {
          conditional =
              (deny ? "a conditional Deny in " : "allowed only under a condition by ") + where;
        } else {
          allow = "allowed by " + where;
        }
      }
    }
    if (conditional != null && (allow == null || conditional.startsWith("a conditional Deny"))) {
      return new Verdict(Decision.CONDITIONAL, conditional, false);
    }
    if (allow != null) return new Verdict(Decision.ALLOWED, allow, false);
    return new Verdict(
        Decision.NOT_ALLOWED, "no statement of the role's policies allows it", false);
  }

  private static boolean actionMatches(IamStatement st, String action) {
    if (!st.actions().isEmpty())
      return st.actions().stream().map(IamAction::value).anyMatch(a -> like(a, action, true));
    if (!st.notActions().isEmpty()) {
      return st.notActions().stream().map(IamAction::value).noneMatch(a -> like(a, action, true));
    }
    return false;
  }

  private static boolean resourceMatches(IamStatement st, List<String> resources) {
    if (!st.resources().isEmpty()) {
      return st.resources().stream()
          .map(IamResource::value)
          .anyMatch(pattern -> resources.stream().anyMatch(r -> like(pattern, r, false)));
    }
    if (!st.notResources().isEmpty()) {
      return resources.stream()
          .anyMatch(
              r ->
                  st.notResources().stream()
                      .map(IamResource::value)
                      .noneMatch(pattern -> like(pattern, r, false)));
    }
    return false;
  }

  /** IAM wildcards: '*' any run of characters (colons included), '?' exactly one. */
  static boolean like(String pattern, String value, boolean ignoreCase) {
    // Compiled once per pattern: every service's roles are judged against the same few policies.
    // Bounded, since watch runs for weeks while policies change.
    Map<String, Pattern> cache = ignoreCase ? PATTERNS_IGNORING_CASE : PATTERNS;
    if (cache.size() > 4096) cache.clear();
    return cache.computeIfAbsent(pattern, p -> compile(p, ignoreCase)).matcher(value).matches();
  }

  private static Pattern compile(String pattern, boolean ignoreCase) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*') re.append(".*");
      else if (c == '?') re.append('.');
      else re.append(Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(re.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
  }
}
