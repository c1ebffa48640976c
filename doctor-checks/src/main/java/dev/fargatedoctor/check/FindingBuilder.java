package dev.fargatedoctor.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Assembles a finding; the check's id, law and default severity come from its metadata. */
public final class FindingBuilder {
  private final CheckInfo info;
  private final String region;
  private final Resource resource;
  private Severity severity;
  private Status status;
  private String title;
  private final Map<String, Object> evidence = new LinkedHashMap<>();
  private String fixText;
  private final List<String> commands = new ArrayList<>();

  FindingBuilder(CheckInfo info, String region, Resource resource) {
    this.info = info;
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

  /** Adds a fact; null values are left out rather than printed as "null". */
  public FindingBuilder evidence(String key, Object value) {
    if (value != null) evidence.put(key, value);
    return this;
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
    return new Finding(
        info.id(), effective, status, info.law(), region, resource, title, evidence, remediation);
  }
}
