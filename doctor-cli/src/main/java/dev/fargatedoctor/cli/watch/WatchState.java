package dev.fargatedoctor.cli.watch;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.fargatedoctor.snapshot.AtomicFiles;
import dev.fargatedoctor.snapshot.InputLimit;
import dev.fargatedoctor.snapshot.InvalidInputException;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotFiles;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * watch's state directory: the previous cycle's snapshot (gzip), its findings, and every STOPPED
 * task any cycle saw. Each file is written to a temporary sibling and renamed over the old one, so
 * a crash mid-write leaves the previous version, never half a file.
 */
public final class WatchState {
  static final String SNAPSHOT = "previous-snapshot.json.gz";
  static final String FINDINGS = "findings.json";
  static final String STOPPED = "stopped-tasks.json";
  static final String NOTIFIED = "notified-findings.json";

  /** The most stopped tasks kept: the newest win. */
  static final int STOPPED_KEPT = 10_000;

  /**
   * A copy of the state directory kept elsewhere (watch --state-s3): fetched once before the first
   * cycle, and every file pushed after each save, so a task that is replaced carries on where the
   * last one stopped.
   */
  public interface Mirror {
    /** Copies whatever state exists into the directory; nothing when there is none yet. */
    void pull(Path dir, List<String> names) throws IOException;

    void push(Path dir, List<String> names) throws IOException;

    String describe();
  }

  static final List<String> FILES = List.of(STOPPED, FINDINGS, NOTIFIED, SNAPSHOT);

  private final Path dir;
  private final InputLimit limit;
  private final Mirror mirror;

  public WatchState(Path dir) {
    this(dir, InputLimit.DEFAULT);
  }

  /** State whose previous snapshot may be as large as the limit the scans themselves allow. */
  public WatchState(Path dir, InputLimit limit) {
    this(dir, limit, null);
  }

  public WatchState(Path dir, InputLimit limit, Mirror mirror) {
    this.dir = dir;
    this.limit = limit;
    this.mirror = mirror;
  }

  public Path dir() {
    return dir;
  }

  /**
   * Makes sure the state directory can be used before the first cycle: created when missing; a path
   * that is a file, or a directory that cannot be written, is bad input naming the cause.
   */
  public static void prepare(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InvalidInputException(
          dir, "--state-dir is not a directory (watch keeps its state files in one)");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new InvalidInputException(
          dir,
          "--state-dir cannot be created: " + e.getClass().getSimpleName() + " " + e.getMessage());
    }
    if (!Files.isWritable(dir)) {
      throw new InvalidInputException(dir, "--state-dir is not writable");
    }
  }

  /** Where the state lives, for messages: the mirror when there is one. */
  public String where() {
    return mirror == null ? dir.toString() : mirror.describe();
  }

  /** Fetches the mirrored state into the directory (once, before the first cycle). */
  public void pull() throws IOException {
    if (mirror == null) return;
    Files.createDirectories(dir);
    mirror.pull(dir, FILES);
  }

  public Optional<Snapshot> previous() {
    Path file = dir.resolve(SNAPSHOT);
    return Files.exists(file) ? Optional.of(SnapshotFiles.read(file, limit)) : Optional.empty();
  }

  public List<FindingState> findings() {
    return read(FINDINGS, new TypeReference<List<FindingState>>() {});
  }

  /** The findings --notify has told about and not yet seen clear (empty without --notify). */
  public List<FindingState> notified() {
    return read(NOTIFIED, new TypeReference<List<FindingState>>() {});
  }

  public List<StoppedTask> stoppedTasks() {
    return read(STOPPED, new TypeReference<List<StoppedTask>>() {});
  }

  /**
   * Moves an unreadable state file aside (name.corrupt-EPOCH) so the next cycle starts a new
   * baseline instead of failing for ever; nothing is deleted. Returns where it went.
   */
  Path quarantine(InvalidInputException e, java.time.Instant now) throws IOException {
    Path file = Path.of(e.file());
    Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + now.getEpochSecond());
    Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return aside;
  }

  /**
   * Saves a cycle: the stopped tasks first (they must never be lost), then findings, then the
   * snapshot.
   */
  public void save(Snapshot snapshot, List<FindingState> findings, List<StoppedTask> stopped)
      throws IOException {
    save(snapshot, findings, stopped, null);
  }

  /**
   * Saves a cycle with the findings notified so far (null: not notifying, the file is left alone).
   */
  public void save(
      Snapshot snapshot,
      List<FindingState> findings,
      List<StoppedTask> stopped,
      List<FindingState> notified)
      throws IOException {
    Files.createDirectories(dir);
    write(STOPPED, stopped);
    write(FINDINGS, findings);
    if (notified != null) write(NOTIFIED, notified);
    SnapshotFiles.write(snapshot, dir.resolve(SNAPSHOT));
    if (mirror != null) mirror.push(dir, FILES);
  }

  /** Stopped tasks known so far plus those of this snapshot, by task ARN, newest kept. */
  static List<StoppedTask> merge(List<StoppedTask> known, List<StoppedTask> seen) {
    Map<String, StoppedTask> byArn = new LinkedHashMap<>();
    known.forEach(t -> byArn.put(t.taskArn(), t));
    seen.forEach(t -> byArn.putIfAbsent(t.taskArn(), t));
    List<StoppedTask> all = new ArrayList<>(byArn.values());
    all.sort(
        Comparator.comparing(
                (StoppedTask t) -> t.stoppedAt() == null ? t.firstSeen() : t.stoppedAt(),
                Comparator.nullsFirst(Comparator.naturalOrder()))
            .reversed());
    return all.size() > STOPPED_KEPT ? List.copyOf(all.subList(0, STOPPED_KEPT)) : all;
  }

  private <T> List<T> read(String name, TypeReference<List<T>> type) {
    Path file = dir.resolve(name);
    if (!Files.exists(file)) return List.of();
    try (InputStream in = SnapshotFiles.open(file, limit)) {
      return SnapshotJson.mapper().readValue(in, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw InvalidInputException.fromJson(file, e);
    } catch (IOException e) {
      throw SnapshotFiles.refused(file.toString(), e);
    }
  }

  private void write(String name, Object value) throws IOException {
    AtomicFiles.write(
        dir.resolve(name),
        out -> SnapshotJson.mapper().writerWithDefaultPrettyPrinter().writeValue(out, value));
  }
}
