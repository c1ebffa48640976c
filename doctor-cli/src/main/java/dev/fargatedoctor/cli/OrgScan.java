package dev.fargatedoctor.cli;

import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckEngine;
import dev.fargatedoctor.check.CheckRegistry;
import dev.fargatedoctor.check.Configuration;
import dev.fargatedoctor.check.Diagnosis;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.check.capacity.RegionCapacity;
import dev.fargatedoctor.check.capacity.SharedSubnet;
import dev.fargatedoctor.check.capacity.SharedSubnetVerdict;
import dev.fargatedoctor.check.capacity.SubnetIpHeadroom;
import dev.fargatedoctor.check.capacity.SubnetUse;
import dev.fargatedoctor.check.network.VpcFlowLogs;
import dev.fargatedoctor.collect.org.Account;
import dev.fargatedoctor.collect.org.AccountOutcome;
import dev.fargatedoctor.collect.org.OrgCollector;
import dev.fargatedoctor.report.AccountSection;
import dev.fargatedoctor.report.Organisation;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.InputLimit;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A scan of many accounts: each account is collected (or read from a snapshot directory), written
 * out when asked, diagnosed and reduced to its {@link AccountSection} before the next one is let
 * in, so memory follows the accounts in flight, not the organisation's size.
 */
final class OrgScan {
  private final Configuration configuration;
  private final Clock clock;
  private final List<Check> checks;

  /** An organisation diagnosed with every check (preflight and alarms use only the snapshots). */
  OrgScan(Configuration configuration, Clock clock) {
    this(configuration, clock, CheckRegistry.all());
  }

  /** An organisation diagnosed with the checks --checks and --exclude-checks leave. */
  OrgScan(Configuration configuration, Clock clock, List<Check> checks) {
    this.configuration = configuration;
    this.clock = clock;
    this.checks = List.copyOf(checks);
  }

  /** One account as collected or read: its snapshot (null when not scanned) and its gaps. */
  interface EachAccount {
    void accept(Account account, Snapshot snapshot, List<Coverage> gaps);
  }

  Organisation live(SourceOptions source, OrgOptions options, Context context) {
    List<AccountSection> sections = new ArrayList<>();
    String caller =
        collect(
            source,
            options,
            context,
            (account, snapshot, gaps) -> sections.add(section(account, snapshot, gaps)));
    return organisation("live", caller, sections);
  }

  /**
   * Hands each account of the organisation to {@code each}, one at a time, collected live (and
   * written to --snapshot-dir when asked) or read from snapshot directories; returns the caller's
   * account when live, else null.
   */
  String each(SourceOptions source, OrgOptions options, Context context, EachAccount each) {
    if (options.offline()) {
      read(options.snapshotDirs, source.inputLimit(), each);
      return null;
    }
    return collect(source, options, context, each);
  }

  private String collect(
      SourceOptions source, OrgOptions options, Context context, EachAccount each) {
    if (options.snapshotDir != null && Files.isRegularFile(options.snapshotDir)) {
      throw new IllegalArgumentException(
          "--snapshot-dir " + options.snapshotDir + " is a file: give a directory");
    }
    OrgCollector collector =
        new OrgCollector(
            source.settings(configuration),
            options.settings(),
            clock,
            Version.current(),
            context.recorder());
    OrgCollector.Caller caller = collector.caller(options.org);
    List<Account> accounts = options.choose(caller.organisation());
    SnapshotDirectory dir =
        options.snapshotDir == null ? null : new SnapshotDirectory(options.snapshotDir);
    Progress progress = new Progress(context.err(), accounts.size());
    collector.collect(
        caller.account(),
        accounts,
        outcome -> {
          if (dir != null) write(dir, outcome, options.snapshotDir);
          each.accept(outcome.account(), outcome.snapshot(), outcome.gaps());
          progress.done(outcome.account().id());
        });
    progress.clear();
    return caller.account();
  }

  /**
   * Reads snapshot directories (one per shard, say) as one organisation; an account found in two of
   * them is bad input, since neither can be preferred.
   */
  Organisation offline(List<Path> dirs, InputLimit limit) {
    List<AccountSection> sections = new ArrayList<>();
    read(dirs, limit, (account, snapshot, gaps) -> sections.add(section(account, snapshot, gaps)));
    return organisation(
        String.join(", ", dirs.stream().map(Path::toString).toList()), null, sections);
  }

  private static void read(List<Path> dirs, InputLimit limit, EachAccount each) {
    java.util.Map<String, Path> seen = new java.util.HashMap<>();
    for (Path dir : dirs) {
      new SnapshotDirectory(dir)
          .read(
              limit,
              account -> {
                String id = account.manifest().account();
                Path other = seen.putIfAbsent(id, dir);
                if (other != null) {
                  throw new dev.fargatedoctor.snapshot.InvalidInputException(
                      dir.resolve(id).toString(),
                      0,
                      0,
                      "account " + id + " is also in " + other.resolve(id) + ": keep one");
                }
                each.accept(
                    new Account(id, account.manifest().name()),
                    account.snapshot(),
                    account.manifest().notScanned());
              });
    }
  }

  /**
   * The organisation of the scanned accounts. A subnet several of them take part in (a shared VPC)
   * is judged again on all their views together: each account's SUBNET-IPS finding on it then
   * counts every scanned account's interfaces and peaks, not only its own. A participant's
   * FLOWLOGS-MISSING on a shared VPC, UNKNOWN alone, is judged with the owner's flow logs when the
   * owner was scanned too.
   */
  Organisation organisation(String source, String caller, List<AccountSection> sections) {
    List<SharedSubnetVerdict> verdicts =
        SharedSubnetVerdict.of(
            sections.stream().flatMap(a -> a.subnets().stream()).toList(),
            configuration.thresholds());
    List<SharedSubnet> shared =
        verdicts.stream()
            .map(SharedSubnetVerdict::subnet)
            .filter(s -> s.views().size() > 1)
            .toList();
    List<Finding> flowLogs =
        VpcFlowLogs.judgeWithOwners(sections.stream().flatMap(a -> a.flowLogs().stream()).toList());
    if (shared.isEmpty() && flowLogs.isEmpty())
      return new Organisation(source, caller, sections, verdicts);
    CheckEngine engine = new CheckEngine(checks, clock, configuration);
    List<AccountSection> revised = new ArrayList<>();
    for (AccountSection a : sections) {
      if (!a.scanned()) {
        revised.add(a);
        continue;
      }
      List<Finding> judged = new ArrayList<>();
      for (SharedSubnet s : shared) {
        boolean judgedBefore =
            a.diagnosis().findings().stream().anyMatch(f -> isSubnetIps(f, s))
                || a.diagnosis().excluded().stream().anyMatch(x -> isSubnetIps(x.finding(), s));
        if (judgedBefore)
          judged.add(SubnetIpHeadroom.judge(s, a.account(), configuration.thresholds()));
      }
      for (Finding f : flowLogs)
        if (f.account().equals(a.account()) && judgedBefore(a.diagnosis(), f)) judged.add(f);
      revised.add(a.withDiagnosis(engine.revise(a.diagnosis(), judged)));
    }
    return new Organisation(source, caller, revised, verdicts);
  }

  private static boolean isSubnetIps(Finding f, SharedSubnet s) {
    return "SUBNET-IPS".equals(f.checkId())
        && s.region().equals(f.region())
        && s.subnetId().equals(f.resource().id());
  }

  // Only what the account's own scan judged (or an exclude hid) is judged again: a check turned
  // off stays off.
  private static boolean judgedBefore(Diagnosis d, Finding judged) {
    return d.findings().stream().anyMatch(f -> sameSubject(f, judged))
        || d.excluded().stream().anyMatch(x -> sameSubject(x.finding(), judged));
  }

  private static boolean sameSubject(Finding a, Finding b) {
    return a.checkId().equals(b.checkId())
        && a.region().equals(b.region())
        && a.resource().type().equals(b.resource().type())
        && a.resource().id().equals(b.resource().id());
  }

  /** One account, diagnosed; its snapshot is not kept. */
  AccountSection section(Account account, Snapshot snapshot, List<Coverage> gaps) {
    if (snapshot == null) {
      return new AccountSection(
          account.id(), account.name(), List.of(), null, gaps, List.of(), List.of(), List.of());
    }
    Diagnosis diagnosis = new CheckEngine(checks, clock, configuration).run(snapshot);
    List<String> regions =
        new ArrayList<>(snapshot.regions().stream().map(RegionSnapshot::region).toList());
    gaps.stream()
        .map(Coverage::region)
        .filter(r -> !Coverage.GLOBAL.equals(r) && !regions.contains(r))
        .forEach(regions::add);
    List<SubnetUse> subnets = new ArrayList<>();
    List<VpcFlowLogs> flowLogs = new ArrayList<>();
    for (RegionSnapshot r : snapshot.regions()) {
      RegionView view = new RegionView(snapshot, r);
      subnets.addAll(SubnetUse.of(view));
      flowLogs.addAll(VpcFlowLogs.of(view));
    }
    return new AccountSection(
        account.id(),
        account.name(),
        regions,
        diagnosis,
        gaps,
        RegionCapacity.of(snapshot),
        subnets,
        flowLogs);
  }

  private static void write(SnapshotDirectory dir, AccountOutcome outcome, Path path) {
    try {
      dir.write(
          outcome.account().id(), outcome.account().name(), outcome.snapshot(), outcome.gaps());
    } catch (IOException e) {
      throw OutputFile.unwritable(path, "--snapshot-dir", e);
    }
  }

  /** "accounts 3/20" on a terminal's stderr while an organisation is collected. */
  private static final class Progress {
    private final PrintStream err;
    private final int total;
    private final boolean terminal = System.console() != null;
    private int done;

    Progress(PrintStream err, int total) {
      this.err = err;
      this.total = total;
    }

    void done(String account) {
      done++;
      if (terminal)
        err.print("\r\033[Kaccounts " + done + "/" + total + " (last: " + account + ")");
    }

    void clear() {
      if (terminal) err.print("\r\033[K");
    }
  }
}
