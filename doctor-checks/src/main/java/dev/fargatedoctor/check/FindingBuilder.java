package dev.fargatedoctor.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles a finding; the check's id, law and default severity come from its metadata. Evidence
 * and facts come from the same calls: {@code evidence("utilisation", Quantity.percent(92.28))}
 * shows "utilisation: 92.3 %" and holds {@code utilisationPercent: 92.28}. See {@link Fact} for the
 * values it understands.
 */
public final class FindingBuilder {
  private final CheckInfo info;
  private final String account;
  private final String region;
  private final Resource resource;
  private Severity severity;
  private Status status;
  private String title;
  private String aspect;
  private final Map<String, Object> evidence = new LinkedHashMap<>();
  private final Map<String, Object> facts = new LinkedHashMap<>();
  private String fixText;
  private final List<String> commands = new ArrayList<>();

  /**
   * Starts a finding of a check outside a run over one snapshot: a judgement only several accounts'
   * snapshots together can make (a subnet shared between accounts).
   */
  public static FindingBuilder of(
      Class<? extends Check> check, String account, String region, Resource resource) {
    CheckInfo info = check.getAnnotation(CheckInfo.class);
    if (info == null) throw new IllegalArgumentException(check + " has no @CheckInfo");
    return new FindingBuilder(info, account, region, resource);
  }

  FindingBuilder(CheckInfo info, String account, String region, Resource resource) {
    this.info = info;
    this.account = account;
    this.region = region;
    this.resource = resource;
    this.severity = info.severity();
  }

  public FindingBuilder fail(String title) {
    return verdict(Status.FAIL, title);
  }

  public FindingBuilder warn(String title) {
    return verdict(Status.WARN, title);
  }

  public FindingBuilder pass(String title) {
    return verdict(Status.PASS, title);
  }

  public FindingBuilder unknown(String title) {
    return verdict(Status.UNKNOWN, title);
  }

  private FindingBuilder verdict(Status status, String title) {
    this.status = status;
    this.title = title;
    return this;
  }

  public FindingBuilder severity(Severity severity) {
    this.severity = severity;
    return this;
  }

  /**
   * Which of several findings of this check about the same resource this is (a cause, a
   * deployment); part of the fingerprint. Checks with one finding per resource leave it out.
   */
  public FindingBuilder aspect(String aspect) {
    this.aspect = aspect;
    return this;
  }

  /**
   * Adds a line of evidence and its fact, keyed by the label in camelCase ("free IPs" becomes
   * {@code freeIps}) plus the value's unit. Null values are left out rather than printed as "null".
   */
  public FindingBuilder evidence(String label, Object value) {
    return evidence(label, FactKeys.fromLabel(label), value);
  }

  /**
   * Adds a line of evidence whose fact has its own key: for labels that name data, or read poorly.
   */
  public FindingBuilder evidence(String label, String key, Object value) {
    if (value == null) return this;
    evidence.put(label, Fact.shownOf(value));
    return fact(key, value);
  }

  /**
   * Adds a line of evidence under a label of its own (one route, one path) whose fact joins a list
   * under {@code listKey}.
   */
  public FindingBuilder evidenceEach(String label, String listKey, Object value) {
    if (value == null) return this;
    evidence.put(label, Fact.shownOf(value));
    Object held = Fact.valueOf(value);
    if (held != null) {
      @SuppressWarnings("unchecked")
      List<Object> list =
          (List<Object>) facts.computeIfAbsent(checked(listKey), k -> new ArrayList<>());
      list.add(held);
    }
    return this;
  }

  /** Adds a fact that has no line of evidence: what the title says, or a structured form of it. */
  public FindingBuilder fact(String key, Object value) {
    Object held = Fact.valueOf(value);
    if (held != null) facts.put(checked(FactKeys.withUnit(key, Fact.unitOf(value))), held);
    return this;
  }

  private String checked(String key) {
    if (!FactKeys.isValid(key)) {
      throw new IllegalArgumentException(info.id() + ": fact key '" + key + "' is not camelCase");
    }
    return key;
  }

  public FindingBuilder fix(String text, String... commands) {
    this.fixText = text;
    this.commands.addAll(List.of(commands));
    return this;
  }

  /** Appends a sentence to the remediation text. */
  public FindingBuilder note(String sentence) {
    this.fixText = fixText == null ? sentence : fixText + " " + sentence;
    return this;
  }

  public FindingBuilder command(String command) {
    commands.add(command);
    return this;
  }

  public Finding build() {
    if (status == null) throw new IllegalStateException(info.id() + ": finding without a verdict");
    Severity effective = status == Status.PASS ? Severity.INFO : severity;
    Remediation remediation =
        fixText == null && commands.isEmpty()
            ? Remediation.NONE
            : new Remediation(fixText, commands);
    Map<String, Object> held = new LinkedHashMap<>();
    facts.forEach((k, v) -> held.put(k, v instanceof List<?> l ? List.copyOf(l) : v));
    return new Finding(
        info.id(),
        effective,
        status,
        info.law(),
        account,
        region,
        resource,
        aspect,
        title,
        evidence,
        held,
        remediation);
  }
}
