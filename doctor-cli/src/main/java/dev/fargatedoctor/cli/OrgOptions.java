package dev.fargatedoctor.cli;

import dev.fargatedoctor.collect.org.Account;
import dev.fargatedoctor.collect.org.OrgSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which accounts of an organisation a scan covers, and how it enters each. */
final class OrgOptions {
  @Option(
      names = "--org",
      description =
          "Scan every ACTIVE account of the caller's organisation (organizations:ListAccounts, from"
              + " the management account or a delegated administrator).")
  boolean org;

  @Option(
      names = "--accounts",
      paramLabel = "FILE|ID,...",
      split = ",",
      description =
          "Scan these accounts (with --org: these as well): ids, or a file of them, one a line"
              + " (`ID` or `ID NAME`; # starts a comment).")
  List<String> accounts = new ArrayList<>();

  @Option(
      names = "--exclude-accounts",
      paramLabel = "FILE|ID,...",
      split = ",",
      description = "Leave these accounts out (ids, or a file of them).")
  List<String> excluded = new ArrayList<>();

  /** --account, or the role assumed in each listed account. */
  @Mixin AccountOptions account = new AccountOptions();

  @Option(
      names = "--regions",
      paramLabel = "enabled",
      description =
          "`enabled`: scan every Region enabled in each account (ec2:DescribeRegions), instead of"
              + " --region.")
  String regionsMode;

  @Option(
      names = "--account-concurrency",
      paramLabel = "N",
      description =
          "Accounts collected at once (default: ${DEFAULT-VALUE}); each uses up to 8 concurrent"
              + " calls, with the SDK's adaptive retries.")
  int accountConcurrency = 4;

  @Option(
      names = "--snapshot-dir",
      paramLabel = "DIR",
      description =
          "With --org or --accounts: also write each account's snapshot, one file per Region"
              + " (DIR/ACCOUNT/REGION.json.gz). Without them: read such directories (repeat for"
              + " several, e.g. one per --shard) and scan them offline as one organisation.")
  List<Path> snapshotDirs = new ArrayList<>();

  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description =
          "Scan only shard I of N: the accounts whose id hashes to it (stable from run to run and"
              + " machine to machine), to split an organisation over N CI jobs or tasks.")
  String shard;

  Path snapshotDir;
  private int shardIndex;
  private int shardCount;

  /** True when the scan covers several accounts live. */
  boolean live() {
    return org || !accounts.isEmpty();
  }

  /** True when a directory of account snapshots is read instead of AWS. */
  boolean offline() {
    return !live() && !snapshotDirs.isEmpty();
  }

  boolean any() {
    return live() || offline();
  }

  private List<Account> listed = List.of();
  private List<Account> left = List.of();

  /**
   * Refuses, before any AWS call, options that need several accounts without them, and account
   * lists or files that do not parse.
   */
  void check() {
    listed = read(accounts, "--accounts");
    if (live() && snapshotDirs.size() > 1) {
      throw new IllegalArgumentException(
          "--snapshot-dir: a scan writes one directory; give it once (several are read offline)");
    }
    snapshotDir = snapshotDirs.isEmpty() ? null : snapshotDirs.get(0);
    if (shard != null) {
      if (!live()) throw needsOrg("--shard");
      var m = java.util.regex.Pattern.compile("(\\d+)/(\\d+)").matcher(shard.trim());
      if (!m.matches()
          || Integer.parseInt(m.group(2)) < 1
          || Integer.parseInt(m.group(1)) < 1
          || Integer.parseInt(m.group(1)) > Integer.parseInt(m.group(2))) {
        throw new IllegalArgumentException(
            "--shard takes I/N with 1 <= I <= N (e.g. 2/8), not '" + shard + "'");
      }
      shardIndex = Integer.parseInt(m.group(1));
      shardCount = Integer.parseInt(m.group(2));
    }
    left = read(excluded, "--exclude-accounts");
    account.check(live(), "--account, --org or --accounts");
    if (account.given() && !snapshotDirs.isEmpty()) {
      throw new IllegalArgumentException(
          "--snapshot-dir holds several accounts: with --account, save with --save-snapshot");
    }
    if (!live()) {
      if (!excluded.isEmpty()) throw needsOrg("--exclude-accounts");
      if (regionsMode != null) throw needsOrg("--regions");
    }
    if (regionsMode != null && !"enabled".equals(regionsMode)) {
      throw new IllegalArgumentException(
          "--regions takes `enabled` (every Region enabled in each account), not '"
              + regionsMode
              + "'; give Regions one by one with --region");
    }
  }

  OrgSettings settings() {
    return new OrgSettings(account.role(), "enabled".equals(regionsMode), accountConcurrency);
  }

  /**
   * The accounts to scan: the organisation's (when listed), then --accounts, less the excluded;
   * named where the organisation or the file names them.
   */
  List<Account> choose(List<Account> organisation) {
    Map<String, Account> chosen = new LinkedHashMap<>();
    organisation.forEach(a -> chosen.put(a.id(), a));
    for (Account a : listed) chosen.putIfAbsent(a.id(), a);
    Set<String> out = new LinkedHashSet<>();
    left.forEach(a -> out.add(a.id()));
    out.forEach(chosen::remove);
    if (shardCount > 0) chosen.keySet().removeIf(id -> shardOf(id, shardCount) != shardIndex);
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException(
          "no account to scan"
              + (org ? ": the organisation lists no ACTIVE account" : "")
              + (shardCount > 0 ? " in shard " + shard : "")
              + (out.isEmpty() ? "" : " once --exclude-accounts is applied"));
    }
    return List.copyOf(chosen.values());
  }

  /**
   * The shard (1 to N) an account belongs to: from a SHA-256 of its id, so every machine and every
   * run agrees, and accounts spread evenly whatever their ids look like.
   */
  static int shardOf(String account, int shards) {
    try {
      byte[] hash =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(account.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      long head = java.nio.ByteBuffer.wrap(hash).getLong();
      return (int) Long.remainderUnsigned(head, shards) + 1;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static List<Account> read(List<String> values, String option) {
    List<Account> out = new ArrayList<>();
    for (String value : values) {
      String v = value.trim();
      if (v.isEmpty()) continue;
      if (v.matches("\\d{12}")) {
        out.add(new Account(v, null));
        continue;
      }
      Path file = Path.of(v);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            option + ": '" + v + "' is neither a 12-digit account id nor a file");
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(file);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            option + ": " + v + " cannot be read: " + e.getMessage());
      }
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).replaceAll("#.*", "").trim();
        if (line.isEmpty()) continue;
        String[] parts = line.split("[\\s,]+", 2);
        if (!parts[0].matches("\\d{12}")) {
          throw new IllegalArgumentException(
              option
                  + ": "
                  + v
                  + " line "
                  + (i + 1)
                  + ": '"
                  + dev.fargatedoctor.snapshot.SafeText.plain(parts[0])
                  + "' is not a 12-digit account id");
        }
        out.add(new Account(parts[0], parts.length > 1 ? parts[1].trim() : null));
      }
    }
    return out;
  }

  private static IllegalArgumentException needsOrg(String option) {
    return new IllegalArgumentException(option + " needs --org or --accounts");
  }
}
