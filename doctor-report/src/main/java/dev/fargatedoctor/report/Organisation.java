package dev.fargatedoctor.report;

import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.check.capacity.RegionCapacity;
import dev.fargatedoctor.check.capacity.SharedSubnetVerdict;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The result of scanning many accounts, as every organisation report opens with it: accounts by
 * Region against their quotas, problems by severity, what is unknown, and a score. The organisation
 * scores as its weakest scanned account: one account at F is an incident whatever the others do.
 *
 * @param source {@code live} or the snapshot directory read offline
 * @param caller the account whose credentials listed and entered the others, when known
 * @param sharedSubnets subnets several accounts take part in (a VPC shared through AWS RAM), with
 *     the verdict on every scanned account's peak there
 */
public record Organisation(
    String source,
    String caller,
    List<AccountSection> accounts,
    List<SharedSubnetVerdict> sharedSubnets) {
  public Organisation {
    accounts = accounts.stream().sorted(Comparator.comparing(AccountSection::account)).toList();
    sharedSubnets = List.copyOf(sharedSubnets);
  }

  public Organisation(String source, String caller, List<AccountSection> accounts) {
    this(source, caller, accounts, List.of());
  }

  /** The name of an account of the organisation, or null when it has none or is not listed. */
  public String nameOf(String account) {
    return accounts.stream()
        .filter(a -> a.account().equals(account))
        .map(AccountSection::name)
        .filter(n -> n != null && !n.isBlank())
        .findFirst()
        .orElse(null);
  }

  public List<String> regions() {
    TreeSet<String> regions = new TreeSet<>();
    accounts.forEach(a -> regions.addAll(a.regions()));
    return List.copyOf(regions);
  }

  public int scanned() {
    return (int) accounts.stream().filter(AccountSection::scanned).count();
  }

  public Map<Severity, Integer> problemsBySeverity() {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      counts.put(s, accounts.stream().mapToInt(a -> a.problems(s)).sum());
    }
    return counts;
  }

  /** UNKNOWN findings of every account, plus every account or Region that was not scanned. */
  public int unknown() {
    return accounts.stream().mapToInt(a -> a.count(Status.UNKNOWN) + a.gaps().size()).sum();
  }

  public int unknownAtLeast(Severity severity) {
    return accounts.stream().mapToInt(a -> a.unknownAtLeast(severity)).sum();
  }

  public int problemsAtLeast(Severity severity) {
    return accounts.stream().mapToInt(a -> a.problemsAtLeast(severity)).sum();
  }

  /** The weakest scanned account, which scores the organisation; empty when none was scanned. */
  public java.util.Optional<AccountSection> weakest() {
    return accounts.stream()
        .filter(AccountSection::scanned)
        .min(Comparator.comparingInt((AccountSection a) -> a.score().value()));
  }

  public Score score() {
    return weakest().map(AccountSection::score).orElse(new Score(0, "F", Map.of()));
  }

  /** Every account and Region's quota use, the one closest to its ENI quota first. */
  public List<RegionCapacity> capacity() {
    return accounts.stream()
        .flatMap(a -> a.capacity().stream())
        .sorted(
            Comparator.comparing(
                    (RegionCapacity c) ->
                        Objects.requireNonNullElse(c.networkInterfacePercent(), -1.0))
                .reversed()
                .thenComparing(RegionCapacity::account)
                .thenComparing(RegionCapacity::region))
        .toList();
  }
}
