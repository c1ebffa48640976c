package dev.fargatedoctor.agent.http;

import dev.fargatedoctor.agent.json.JsonWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * {@code /debug/heapdump} in -javaagent mode. A heap dump holds every secret the application has in
 * memory, so: disabled unless both a token and a directory are configured (no default token);
 * loopback clients only, whatever the bind address; the token compared in constant time; a
 * free-space check before writing; at most one dump per {@code minInterval}; files readable by
 * their owner only.
 */
public final class HeapDumps {

  /** Writes a heap dump to a file that must not exist yet. */
  public interface Dumper {
    void dump(Path file) throws IOException;
  }

  /** The HTTP status, JSON body and, for 429, the seconds until the next dump is allowed. */
  record Outcome(int status, String body, long retryAfterSeconds) {}

  static final long SPACE_MARGIN = 64L * 1024 * 1024;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final String token;
  private final Path dir;
  private final Duration minInterval;
  private final Clock clock;
  private final Dumper dumper;
  private final ToLongFunction<Path> usableSpace;
  private final LongSupplier heapUsed;
  private final ReentrantLock inProgress = new ReentrantLock();
  private Instant lastDump;

  public HeapDumps(
      String token,
      Path dir,
      Duration minInterval,
      Clock clock,
      Dumper dumper,
      ToLongFunction<Path> usableSpace,
      LongSupplier heapUsed) {
    this.token = token;
    this.dir = dir;
    this.minInterval = minInterval;
    this.clock = clock;
    this.dumper = dumper;
    this.usableSpace = usableSpace;
    this.heapUsed = heapUsed;
  }

  /** The real thing: HotSpot's live-object dump, the disk's usable space, the heap in use. */
  public static HeapDumps hotspot(String token, Path dir, Duration minInterval, Clock clock) {
    return new HeapDumps(
        token,
        dir,
        minInterval,
        clock,
        file ->
            ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .dumpHeap(file.toString(), true),
        path -> {
          try {
            return Files.getFileStore(path).getUsableSpace();
          } catch (IOException e) {
            return -1;
          }
        },
        () -> ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
  }

  boolean enabled() {
    return token != null && !token.isEmpty() && dir != null;
  }

  Outcome request(InetAddress client, String presentedToken) {
    if (!enabled()) {
      return error(
          403,
          "heap dumps are disabled: set FARGATE_DOCTOR_AGENT_HEAPDUMP_TOKEN and"
              + " FARGATE_DOCTOR_AGENT_HEAPDUMP_DIR (or token= and heapdump-dir= agent options)");
    }
    if (client == null || !client.isLoopbackAddress()) {
      return error(
          403, "heap dumps are only served to loopback clients (use ECS Exec and curl 127.0.0.1)");
    }
    if (!TokenCheck.matches(token, presentedToken)) {
      return error(401, "missing or wrong token: send it as 'Authorization: Bearer <token>'");
    }
    if (!inProgress.tryLock()) {
      return new Outcome(429, message("a heap dump is already being written"), 60);
    }
    try {
      Instant now = clock.instant();
      if (lastDump != null && now.isBefore(lastDump.plus(minInterval))) {
        long wait = Duration.between(now, lastDump.plus(minInterval)).getSeconds() + 1;
        return new Outcome(
            429,
            message(
                "one heap dump per "
                    + minInterval.toMinutes()
                    + " min: try again in "
                    + wait
                    + " s"),
            wait);
      }
      if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
        return error(500, "the configured heap dump directory does not exist or is not writable");
      }
      long need = (long) (heapUsed.getAsLong() * 1.1) + SPACE_MARGIN;
      long free = usableSpace.applyAsLong(dir);
      if (free < need) {
        return error(
            507,
            "not enough free space for a heap dump: need about "
                + need / (1024 * 1024)
                + " MiB, "
                + Math.max(0, free) / (1024 * 1024)
                + " MiB free");
      }
      lastDump = now;
      String name =
          "heapdump-" + STAMP.format(now) + "-" + ProcessHandle.current().pid() + ".hprof";
      Path file = dir.resolve(name);
      long start = System.nanoTime();
      dumper.dump(file);
      restrictToOwner(file);
      long bytes = Files.size(file);
      // The file name only: the directory is configuration from the environment.
      String body =
          JsonWriter.pretty()
              .beginObject()
              .field("fileName", name)
              .field("bytes", bytes)
              .field("durationMillis", (System.nanoTime() - start) / 1_000_000)
              .endObject()
              .toString();
      return new Outcome(200, body, 0);
    } catch (IOException | RuntimeException e) {
      return error(500, "heap dump failed: " + e.getClass().getSimpleName());
    } finally {
      inProgress.unlock();
    }
  }

  private static void restrictToOwner(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException | UnsupportedOperationException ignored) {
      // best effort: the directory's permissions still apply
    }
  }

  private static Outcome error(int status, String text) {
    return new Outcome(status, message(text), 0);
  }

  private static String message(String text) {
    return JsonWriter.pretty().beginObject().field("error", text).endObject().toString();
  }
}
