package dev.fargatedoctor.check.network;

import java.util.Map;

/**
 * One step of a path: the component (route table, network ACL, NAT gateway...), its id, what it
 * does to this traffic, and, when it blocks the path, puts it at risk or could not be evaluated,
 * why.
 */
public record Hop(
    String component,
    String id,
    String detail,
    Status status,
    Explanation code,
    Map<String, String> facts) {

  public Hop {
    facts = facts == null ? Map.of() : Map.copyOf(facts);
  }

  public enum Status {
    OK,
    RISK,
    BLOCKED,
    NOT_EVALUATED
  }

  static Hop ok(String component, String id, String detail) {
    return new Hop(component, id, detail, Status.OK, null, null);
  }

  static Hop risk(String component, String id, String detail, Explanation code) {
    return new Hop(component, id, detail, Status.RISK, code, null);
  }

  static Hop blocked(String component, String id, String detail, Explanation code) {
    return new Hop(component, id, detail, Status.BLOCKED, code, null);
  }

  static Hop notEvaluated(String component, String id, String detail, Explanation code) {
    return new Hop(component, id, detail, Status.NOT_EVALUATED, code, null);
  }

  /** The same hop with the facts a remediation needs (ids, ports, rule numbers). */
  Hop with(Map<String, String> more) {
    Map<String, String> all = new java.util.LinkedHashMap<>(facts);
    more.forEach(
        (k, v) -> {
          if (v != null) all.put(k, v);
        });
    return new Hop(component, id, detail, status, code, all);
  }

  /**
   * The same hop with another status, e.g. a blocked leg that only some connections take is a risk.
   */
  Hop as(Status other) {
    return new Hop(component, id, detail, other, code, facts);
  }

  public String fact(String name) {
    return facts.get(name);
  }

  /**
   * One line for evidence: {@code network ACL acl-1: inbound rule 90 denies ...
   * [NACL_DENY_RETURN]}.
   */
  public String describe() {
    return component
        + (id == null ? "" : " " + id)
        + ": "
        + detail
        + (code == null ? "" : " [" + code + "]");
  }
}
