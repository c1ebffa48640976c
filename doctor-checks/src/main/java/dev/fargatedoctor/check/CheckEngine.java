package dev.fargatedoctor.check;

import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs checks over every region of a snapshot. Before a check runs, the engine compares what it
 * needs with what was collected: region-wide gaps become an UNKNOWN finding naming the IAM action,
 * so a denied API never reads as a clean bill of health. Per-resource gaps are the check's to
 * report.
 */
public final class CheckEngine {
  private final List<Check> checks;
  private final Clock clock;
  private final Configuration configuration;

  public CheckEngine(List<Check> checks, Clock clock, Configuration configuration) {
    this.checks = List.copyOf(checks);
    this.clock = clock;
    this.configuration = configuration;
  }

  public CheckEngine(List<Check> checks, Clock clock, Thresholds thresholds) {
    this(checks, clock, new Configuration(List.of(), java.util.Map.of(), thresholds, null));
  }

  public Diagnosis run(Snapshot snapshot) {
    // Keyed to drop the duplicates a global resource (an IAM role) yields in each region.
    Map<String, Finding> findings = new LinkedHashMap<>();
    Set<String> ran = new LinkedHashSet<>();
    for (RegionSnapshot region : snapshot.regions()) {
      RegionView view = new RegionView(snapshot, region);
      for (Check check : checks) {
        CheckInfo info = check.info();
        if (notAskedFor(info, view)) continue;
        List<Coverage> gaps = gaps(info, view);
        boolean anyCollected = anyCollected(info, view);
        List<Finding> produced = new ArrayList<>();
        if (!gaps.isEmpty()) produced.add(unknown(info, view, gaps, anyCollected));
        if (gaps.isEmpty() || anyCollected) {
          produced.addAll(run(check, info, view));
          ran.add(info.id());
        }
        for (Finding f : produced) findings.putIfAbsent(key(f), f);
      }
    }
    return decide(snapshot.capture(), snapshot.coverage(), findings.values(), List.copyOf(ran));
  }

  // The team's decisions come last: severity overrides, then excludes (kept, with their rule).
  // An exclude past its date hides nothing: its findings are back, marked, and reported.
  private Diagnosis decide(
      dev.fargatedoctor.snapshot.Capture capture,
      List<Coverage> coverage,
      java.util.Collection<Finding> findings,
      List<String> ran) {
    java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), clock.getZone());
    List<Configuration.Exclusion> active = configuration.activeExcludes(today);
    List<Configuration.Exclusion> lapsed = configuration.expiredExcludes(today);
    Map<Configuration.Exclusion, List<Finding>> revived = new LinkedHashMap<>();
    lapsed.forEach(x -> revived.put(x, new ArrayList<>()));
    List<Finding> ordered = new ArrayList<>();
    List<Configuration.Excluded> excluded = new ArrayList<>();
    for (Finding f : findings) {
      Finding adjusted = overrideSeverity(f);
      if (f.status() == Status.PASS) {
        ordered.add(adjusted);
        continue;
      }
      Optional<Configuration.Exclusion> rule =
          active.stream().filter(x -> x.matches(adjusted)).findFirst();
      if (rule.isPresent()) {
        excluded.add(new Configuration.Excluded(adjusted, rule.get()));
        continue;
      }
      Optional<Configuration.Exclusion> expired =
          lapsed.stream().filter(x -> x.matches(adjusted)).findFirst();
      Finding shown = expired.map(x -> withExpiredExclude(adjusted, x)).orElse(adjusted);
      expired.ifPresent(x -> revived.get(x).add(shown));
      ordered.add(shown);
    }
    ordered.sort(
        Comparator.comparing((Finding f) -> f.status().ordinal())
            .thenComparing(f -> f.severity().ordinal())
            .thenComparing(Finding::checkId)
            .thenComparing(f -> f.resource().id()));
    List<Configuration.Expired> expired = new ArrayList<>();
    revived.forEach((rule, hidden) -> expired.add(new Configuration.Expired(rule, hidden)));
    return new Diagnosis(capture, coverage, ordered, ran, excluded, expired, configuration);
  }

  /**
   * The diagnosis with some findings judged anew from more than its snapshot (a subnet shared
   * between scanned accounts): each replaces the finding of the same check, Region and resource,
   * and the team's overrides and excludes apply to it as to every other. The diagnosis must come
   * from this engine's configuration.
   */
  public Diagnosis revise(Diagnosis diagnosis, List<Finding> judged) {
    if (judged.isEmpty()) return diagnosis;
    java.util.Set<String> replaced = new java.util.HashSet<>();
    judged.forEach(f -> replaced.add(subject(f)));
    List<Finding> all = new ArrayList<>();
    // Findings an exclude hid are decided again, with the new verdict.
    for (Finding f : diagnosis.findings()) if (!replaced.contains(subject(f))) all.add(f);
    for (Configuration.Excluded x : diagnosis.excluded())
      if (!replaced.contains(subject(x.finding()))) all.add(x.finding());
    all.addAll(judged);
    return decide(diagnosis.capture(), diagnosis.coverage(), all, diagnosis.checksRun());
  }

  private static String subject(Finding f) {
    return f.checkId()
        + "|"
        + f.region()
        + "|"
        + f.resource().type()
        + "|"
        + f.resource().id()
        + "|"
        + f.aspect();
  }

  private static Finding withExpiredExclude(Finding f, Configuration.Exclusion rule) {
    Map<String, Object> evidence = new LinkedHashMap<>(f.evidence());
    evidence.put(
        "exclude expired",
        "on "
            + rule.expires()
            + (rule.owner() == null ? "" : " (owner " + rule.owner() + ")")
            + ": "
            + rule.reason());
    Map<String, Object> facts = new LinkedHashMap<>(f.facts());
    Map<String, Object> expired = new LinkedHashMap<>();
    expired.put("on", String.valueOf(rule.expires()));
    if (rule.owner() != null) expired.put("owner", rule.owner());
    expired.put("reason", rule.reason());
    facts.put("excludeExpired", expired);
    return new Finding(
        f.checkId(),
        f.severity(),
        f.status(),
        f.law(),
        f.account(),
        f.region(),
        f.resource(),
        f.aspect(),
        f.title(),
        evidence,
        facts,
        f.remediation());
  }

  // A check that throws outside its per-resource loop (while indexing the region) is UNKNOWN for
  // the
  // whole region; the other checks run as usual.
  private List<Finding> run(Check check, CheckInfo info, RegionView view) {
    try {
      return check.run(new CheckContext(info, view, clock, configuration.thresholds()));
    } catch (RuntimeException e) {
      return List.of(
          Unevaluated.finding(
              info, view.accountId(), view.name(), Resource.of("region", view.name()), e));
    }
  }

  private Finding overrideSeverity(Finding f) {
    Severity override = configuration.severities().get(f.checkId());
    if (override == null || f.status() == Status.PASS) return f;
    return f.withSeverity(override);
  }

  private static String key(Finding f) {
    String scope = f.resource().isGlobal() ? "" : f.region();
    return f.checkId()
        + "|"
        + scope
        + "|"
        + f.resource().type()
        + "|"
        + f.resource().id()
        + "|"
        + f.status()
        + "|"
        + f.title();
  }

  // An opt-in input (flow records) nobody asked to read: the check has nothing to judge.
  private static boolean notAskedFor(CheckInfo info, RegionView view) {
    for (Input input : info.needs()) {
      if (input.optIn() && input.actions().stream().allMatch(a -> view.coverage(a).isEmpty())) {
        return true;
      }
    }
    return false;
  }

  // Steps that did not deliver, region-wide or for one resource (a cluster, a role); an action
  // never
  // attempted counts too. Checks skip what they have no data for; this finding says why.
  private static List<Coverage> gaps(CheckInfo info, RegionView view) {
    List<Coverage> gaps = new ArrayList<>();
    for (Input input : info.needs()) {
      if (input.perResource()) continue;
      List<Coverage> missing = new ArrayList<>();
      boolean delivered = false;
      for (String action : input.actions()) {
        List<Coverage> entries = view.coverage(action);
        if (entries.stream().anyMatch(Coverage::collected)) delivered = true;
        if (entries.isEmpty() && !input.alternatives()) {
          missing.add(notInSnapshot(input, view, action));
        }
        entries.stream().filter(c -> !c.collected()).forEach(missing::add);
      }
      if (input.alternatives() && !delivered && missing.isEmpty()) {
        missing.add(notInSnapshot(input, view, input.actions().get(0)));
      }
      if (!input.alternatives()
          || !delivered
          || missing.stream().anyMatch(c -> c.resource() == null)) {
        gaps.addAll(missing);
      }
    }
    return gaps;
  }

  private static Coverage notInSnapshot(Input input, RegionView view, String action) {
    return new Coverage(
        input.isGlobal() ? Coverage.GLOBAL : view.name(),
        action,
        Coverage.Outcome.NOT_COLLECTED,
        null,
        "not in the snapshot",
        0,
        0);
  }

  private static boolean anyCollected(CheckInfo info, RegionView view) {
    for (Input input : info.needs()) {
      if (input.perResource()) continue;
      boolean any = false;
      boolean all = true;
      for (String action : input.actions()) {
        boolean collected = view.coverage(action).stream().anyMatch(Coverage::collected);
        any |= collected;
        all &= collected;
      }
      if (input.alternatives() ? !any : !all) return false;
    }
    return true;
  }

  /**
   * Evidence key of a partly evaluated finding: the resources (clusters, roles) the gaps were in.
   */
  public static final String UNEVALUATED = "not evaluated for";

  private static Finding unknown(
      CheckInfo info, RegionView view, List<Coverage> gaps, boolean partial) {
    List<String> actions = gaps.stream().map(Coverage::action).distinct().toList();
    FindingBuilder b =
        new FindingBuilder(info, view.accountId(), view.name(), Resource.of("region", view.name()))
            .unknown(
                (partial ? "partly evaluated: " : "not evaluated: ")
                    + String.join(", ", actions)
                    + " "
                    + describe(gaps));
    for (Coverage g : gaps) {
      String what = g.action() + (g.resource() == null ? "" : " (" + g.resource() + ")");
      String outcome = g.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
      Map<String, Object> gap = new LinkedHashMap<>();
      gap.put("action", g.action());
      gap.put("resource", g.resource());
      gap.put("outcome", FactKeys.fromLabel(outcome));
      gap.put("message", g.message());
      b.evidenceEach(
          what,
          "coverageGaps",
          Fact.line(outcome + (g.message() == null ? "" : ": " + g.message()), gap));
    }
    // When every gap is one resource's (a cluster, a role), say which: what lies elsewhere was
    // evaluated.
    if (partial && gaps.stream().allMatch(g -> g.resource() != null)) {
      b.evidence(UNEVALUATED, gaps.stream().map(Coverage::resource).distinct().toList());
    }
    return b.fix(advice(gaps, actions)).build();
  }

  private static String advice(List<Coverage> gaps, List<String> actions) {
    String list = String.join(", ", actions);
    Set<Coverage.Outcome> outcomes = new LinkedHashSet<>();
    gaps.forEach(g -> outcomes.add(g.outcome()));
    if (outcomes.contains(Coverage.Outcome.DENIED)) {
      return "Allow "
          + list
          + " for the identity that scans (docs/iam-policy.json lists every action) and scan again.";
    }
    if (outcomes.contains(Coverage.Outcome.NOT_COLLECTED)) {
      return "Add the aws-CLI dump named in the evidence (or scan live with "
          + list
          + " allowed) and scan again.";
    }
    if (outcomes.contains(Coverage.Outcome.TIMEOUT)) {
      return "The endpoint did not answer "
          + list
          + " in time: scan again with a longer --api-attempt-timeout and --api-timeout, or narrow"
          + " the scan with --cluster.";
    }
    if (outcomes.contains(Coverage.Outcome.THROTTLED)) {
      return "AWS throttled "
          + list
          + " beyond the retries: scan again later, or narrow the scan with --cluster.";
    }
    return "The calls failed (see the evidence): check the endpoint and network, then scan again.";
  }

  private static String describe(List<Coverage> gaps) {
    Set<Coverage.Outcome> outcomes = new LinkedHashSet<>();
    gaps.forEach(g -> outcomes.add(g.outcome()));
    boolean one = gaps.stream().map(Coverage::action).distinct().count() == 1;
    if (outcomes.equals(Set.of(Coverage.Outcome.DENIED))) return one ? "was denied" : "were denied";
    if (outcomes.equals(Set.of(Coverage.Outcome.NOT_COLLECTED)))
      return one ? "was not collected" : "were not collected";
    if (outcomes.equals(Set.of(Coverage.Outcome.THROTTLED))) return "stayed throttled";
    if (outcomes.equals(Set.of(Coverage.Outcome.TIMEOUT))) return "timed out";
    return "could not be collected";
  }
}
