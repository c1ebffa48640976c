package dev.fargatedoctor.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The snapshots of an organisation on disk, one file per account and Region: {@code
 * DIR/ACCOUNT/REGION.json.gz} (each with the account's IAM data and the coverage of its Region and
 * of the global steps), beside {@code DIR/ACCOUNT/account.json}, which names the account and what
 * could not be scanned in it. Written account by account as each is collected, read back account by
 * account, so neither side holds more than one account.
 */
public final class SnapshotDirectory {
  static final String MANIFEST = "account.json";
  static final String SUFFIX = ".json.gz";

  /** What {@code account.json} holds. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Manifest(
      String account, String name, List<String> regions, List<Coverage> notScanned) {
    public Manifest {
      regions = Lists.of(regions);
      notScanned = Lists.of(notScanned);
    }
  }

  /** One account as read back: its snapshot of every Region (null when none was written). */
  public record AccountSnapshots(Manifest manifest, Snapshot snapshot) {}

  private final Path dir;

  public SnapshotDirectory(Path dir) {
    this.dir = dir;
  }

  /** Writes one account: a file per Region of the snapshot (if any), then its manifest. */
  public void write(String account, String name, Snapshot snapshot, List<Coverage> notScanned)
      throws IOException {
    Path accountDir = dir.resolve(account);
    List<String> regions = new ArrayList<>();
    if (snapshot != null) {
      for (RegionSnapshot region : snapshot.regions()) {
        regions.add(region.region());
        List<Coverage> coverage =
            snapshot.coverage().stream()
                .filter(
                    c -> Coverage.GLOBAL.equals(c.region()) || region.region().equals(c.region()))
                .toList();
        Capture c = snapshot.capture();
        Capture one =
            c == null
                ? null
                : new Capture(
                    c.tool(),
                    c.toolVersion(),
                    c.capturedAt(),
                    c.source(),
                    c.accountId() == null ? account : c.accountId(),
                    c.callerArn(),
                    List.of(region.region()),
                    c.endpoint());
        SnapshotFiles.write(
            new Snapshot(snapshot.schema(), one, List.of(region), snapshot.iam(), coverage),
            accountDir.resolve(region.region() + SUFFIX));
      }
    }
    Manifest manifest = new Manifest(account, name, regions, notScanned);
    AtomicFiles.write(
        accountDir.resolve(MANIFEST),
        out -> SnapshotJson.mapper().writerWithDefaultPrettyPrinter().writeValue(out, manifest));
  }

  /**
   * Reads every account, in account order, handing each to {@code each} before reading the next. A
   * directory that holds no account is bad input.
   */
  public void read(InputLimit limit, Consumer<AccountSnapshots> each) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(dir.toString(), 0, 0, "not a directory of snapshots");
    }
    List<Path> accounts;
    try (Stream<Path> list = Files.list(dir)) {
      accounts =
          list.filter(Files::isDirectory)
              .filter(p -> p.getFileName().toString().matches("\\d{12}"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (accounts.isEmpty()) {
      throw new InvalidInputException(
          dir.toString(),
          0,
          0,
          "holds no account directory (ACCOUNT/REGION.json.gz, as scan --snapshot-dir writes)");
    }
    for (Path accountDir : accounts) each.accept(readAccount(accountDir, limit));
  }

  private static AccountSnapshots readAccount(Path accountDir, InputLimit limit) {
    String account = accountDir.getFileName().toString();
    Path manifestFile = accountDir.resolve(MANIFEST);
    Manifest manifest = new Manifest(account, null, List.of(), List.of());
    if (Files.isRegularFile(manifestFile)) {
      try (InputStream in = SnapshotFiles.open(manifestFile, limit)) {
        manifest = SnapshotJson.mapper().readValue(in, new TypeReference<Manifest>() {});
      } catch (IOException e) {
        throw SnapshotFiles.refused(manifestFile.toString(), e);
      }
      if (!account.equals(manifest.account())) {
        throw new InvalidInputException(
            manifestFile.toString(),
            0,
            0,
            "names account " + manifest.account() + ", not " + account);
      }
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(accountDir)) {
      files =
          list.filter(
                  p ->
                      p.getFileName().toString().endsWith(SUFFIX)
                          || p.getFileName().toString().endsWith(".json")
                              && !p.getFileName().toString().equals(MANIFEST))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (files.isEmpty()) return new AccountSnapshots(manifest, null);
    List<RegionSnapshot> regions = new ArrayList<>();
    LinkedHashSet<Coverage> coverage = new LinkedHashSet<>();
    Snapshot first = null;
    for (Path file : files) {
      Snapshot s = SnapshotFiles.read(file, limit);
      if (first == null) first = s;
      regions.addAll(s.regions());
      coverage.addAll(s.coverage());
    }
    Capture c = first.capture();
    List<String> names = regions.stream().map(RegionSnapshot::region).toList();
    Capture merged =
        c == null
            ? new Capture("fargate-doctor", null, null, "snapshot-dir", account, null, names, null)
            : new Capture(
                c.tool(),
                c.toolVersion(),
                c.capturedAt(),
                c.source(),
                c.accountId() == null ? account : c.accountId(),
                c.callerArn(),
                names,
                c.endpoint());
    return new AccountSnapshots(
        manifest,
        new Snapshot(first.schema(), merged, regions, first.iam(), List.copyOf(coverage)));
  }
}
