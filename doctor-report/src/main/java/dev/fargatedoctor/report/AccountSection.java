package dev.fargatedoctor.report;

import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.check.capacity.RegionCapacity;
import dev.fargatedoctor.check.capacity.SubnetUse;
import dev.fargatedoctor.check.network.VpcFlowLogs;
import dev.fargatedoctor.snapshot.Coverage;
import java.util.List;

/**
 * One account of an organisation report: its diagnosis (null when it could not be scanned at all),
 * what could not be scanned (a role that could not be assumed, a disabled Region), its use of the
 * Region quotas, and what it sees of the subnets and VPCs other accounts may share with it (their
 * interfaces, their flow logs). Only this, not the snapshot, is kept per account.
 */
public record AccountSection(
    String account,
    String name,
    List<String> regions,
    Diagnosis diagnosis,
    List<Coverage> gaps,
    List<RegionCapacity> capacity,
    List<SubnetUse> subnets,
    List<VpcFlowLogs> flowLogs) {
  public AccountSection {
    regions = List.copyOf(regions);
    gaps = List.copyOf(gaps);
    capacity = List.copyOf(capacity);
    subnets = List.copyOf(subnets);
    flowLogs = List.copyOf(flowLogs);
  }

  /** The same account with its diagnosis judged anew (shared subnets, with the organisation). */
  public AccountSection withDiagnosis(Diagnosis revised) {
    return new AccountSection(account, name, regions, revised, gaps, capacity, subnets, flowLogs);
  }

  public boolean scanned() {
    return diagnosis != null;
  }

  /** The score of the account, or null when it was not scanned. */
  public Score score() {
    return diagnosis == null ? null : Score.of(diagnosis);
  }

  /** UNKNOWN findings at or above the severity, and what could not be scanned at all. */
  public int unknownAtLeast(Severity severity) {
    int unknown = diagnosis == null ? 0 : diagnosis.unknownAtLeast(severity).size();
    return unknown + gaps.size();
  }

  public int problemsAtLeast(Severity severity) {
    return diagnosis == null ? 0 : diagnosis.problemsAtLeast(severity).size();
  }

  public int count(Status status) {
    return diagnosis == null ? 0 : (int) diagnosis.count(status);
  }

  /** Problems (FAIL and WARN) of exactly one severity. */
  public int problems(Severity severity) {
    return diagnosis == null
        ? 0
        : (int)
            diagnosis.findings().stream()
                .filter(f -> f.status().isProblem() && f.severity() == severity)
                .count();
  }

  public String label() {
    return name == null || name.isBlank() ? account : account + " (" + name + ")";
  }
}
