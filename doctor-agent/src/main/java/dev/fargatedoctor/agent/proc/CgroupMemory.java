package dev.fargatedoctor.agent.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory of this container's cgroup: v2 ({@code memory.current}, {@code memory.max}, {@code
 * memory.stat}, {@code memory.events}) with a v1 fallback ({@code memory.usage_in_bytes}, {@code
 * memory.limit_in_bytes}, {@code memory.stat}, {@code memory.oom_control}).
 *
 * <p>The cgroup directory is found through {@code /proc/self/cgroup} when that path exists under
 * the mount (a host-style view), else the mount itself (a container with its own cgroup namespace).
 * The limit is the tightest one up the hierarchy: a Fargate container without its own memory limit
 * is bounded by the task's.
 */
public final class CgroupMemory {

  /**
   * v1 writes "no limit" as LONG_MAX rounded down to a page; anything this large means unlimited.
   */
  static final long V1_UNLIMITED = 1L << 62;

  private final Path cgroupRoot;
  private final Path procSelfCgroup;

  public CgroupMemory(Path cgroupRoot, Path procSelfCgroup) {
    this.cgroupRoot = cgroupRoot;
    this.procSelfCgroup = procSelfCgroup;
  }

  /**
   * One reading.
   *
   * @param limitBytes the effective limit, or -1 when unlimited
   * @param oomKills processes the kernel OOM-killed in this cgroup, or -1 when not reported
   */
  public record Reading(
      int version,
      long usageBytes,
      long limitBytes,
      long inactiveFileBytes,
      long oomKills,
      Map<String, Long> stat) {

    /** Usage without inactive page cache, which the kernel reclaims before it OOM-kills. */
    public long workingSetBytes() {
      return Math.max(0, usageBytes - Math.max(0, inactiveFileBytes));
    }
  }

  public Reading read() throws IOException {
    List<String> selfLines = readSelfCgroup();
    Path v2 = findV2(selfLines);
    if (v2 != null) {
      return readV2(v2);
    }
    Path v1 = findV1(selfLines);
    if (v1 != null) {
      return readV1(v1);
    }
    throw new IOException(
        "no cgroup memory files under "
            + cgroupRoot
            + " (neither v2 memory.current nor v1 memory/memory.usage_in_bytes)");
  }

  private List<String> readSelfCgroup() {
    try {
      return Files.readAllLines(procSelfCgroup, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      return List.of();
    }
  }

  private Path findV2(List<String> selfLines) {
    List<Path> candidates = new ArrayList<>();
    for (String line : selfLines) {
      if (line.startsWith("0::")) {
        candidates.add(under(cgroupRoot, line.substring(3)));
      }
    }
    candidates.add(cgroupRoot);
    for (Path dir : candidates) {
      if (dir != null && Files.isRegularFile(dir.resolve("memory.current"))) {
        return dir;
      }
    }
    return null;
  }

  private Path findV1(List<String> selfLines) {
    Path mount = cgroupRoot.resolve("memory");
    List<Path> candidates = new ArrayList<>();
    for (String line : selfLines) {
      String[] parts = line.split(":", 3);
      if (parts.length == 3 && List.of(parts[1].split(",")).contains("memory")) {
        candidates.add(under(mount, parts[2]));
      }
    }
    candidates.add(mount);
    for (Path dir : candidates) {
      if (dir != null && Files.isRegularFile(dir.resolve("memory.usage_in_bytes"))) {
        return dir;
      }
    }
    return null;
  }

  /**
   * root + a cgroup path, or null for a path that escapes the mount ("..") or is no path at all (a
   * NUL byte): /proc/self/cgroup is not trusted to hold what the kernel writes there.
   */
  static Path under(Path root, String cgroupPath) {
    String relative = cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
    if (relative.isEmpty()) {
      return root;
    }
    try {
      Path resolved = root.resolve(relative).normalize();
      return resolved.startsWith(root) ? resolved : null;
    } catch (InvalidPathException notAPath) {
      // Found by CgroupMemoryFuzzTest: a NUL byte escaped read() as an unchecked exception.
      return null;
    }
  }

  private Reading readV2(Path dir) throws IOException {
    long usage = readBytes(dir.resolve("memory.current"));
    long limit = -1;
    // The tightest memory.max from this cgroup up to the mount root (the task level on Fargate).
    for (Path level = dir;
        level != null && level.startsWith(cgroupRoot);
        level = level.getParent()) {
      Path max = level.resolve("memory.max");
      if (!Files.isRegularFile(max)) {
        break;
      }
      String text = readTrimmed(max);
      if (!text.equals("max")) {
        long value = parseBytes(text, max);
        limit = limit < 0 ? value : Math.min(limit, value);
      }
      if (level.equals(cgroupRoot)) {
        break;
      }
    }
    Map<String, Long> stat = readKeyValues(dir.resolve("memory.stat"));
    long oomKills = -1;
    Path events = dir.resolve("memory.events");
    if (Files.isRegularFile(events)) {
      oomKills = readKeyValues(events).getOrDefault("oom_kill", -1L);
    }
    return new Reading(2, usage, limit, stat.getOrDefault("inactive_file", 0L), oomKills, stat);
  }

  private Reading readV1(Path dir) throws IOException {
    long usage = readBytes(dir.resolve("memory.usage_in_bytes"));
    long limit = readBytes(dir.resolve("memory.limit_in_bytes"));
    Map<String, Long> stat = readKeyValues(dir.resolve("memory.stat"));
    Long hierarchical = stat.get("hierarchical_memory_limit");
    if (hierarchical != null && hierarchical < limit) {
      limit = hierarchical;
    }
    if (limit >= V1_UNLIMITED) {
      limit = -1;
    }
    long inactive =
        stat.getOrDefault("total_inactive_file", stat.getOrDefault("inactive_file", 0L));
    long oomKills = -1;
    Path control = dir.resolve("memory.oom_control");
    if (Files.isRegularFile(control)) {
      oomKills = readKeyValues(control).getOrDefault("oom_kill", -1L);
    }
    return new Reading(1, usage, limit, inactive, oomKills, stat);
  }

  private static String readTrimmed(Path file) throws IOException {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (text.isEmpty()) {
        throw new IOException("malformed " + file + ": empty");
      }
      return text;
    } catch (NoSuchFileException e) {
      throw new IOException("missing " + file, e);
    }
  }

  private static long readBytes(Path file) throws IOException {
    return parseBytes(readTrimmed(file), file);
  }

  private static long parseBytes(String text, Path file) throws IOException {
    try {
      long value = Long.parseLong(text);
      if (value < 0) {
        throw new NumberFormatException("negative");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IOException(
          "malformed " + file + ": expected a byte count, got '" + abbreviate(text) + "'", e);
    }
  }

  /**
   * "key value" lines (memory.stat, memory.events, memory.oom_control); a malformed line is an
   * error.
   */
  static Map<String, Long> readKeyValues(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IOException("missing " + file, e);
    }
    return parseKeyValues(text, file);
  }

  /** The "key value" lines of {@code text}, read from {@code file}; IOException when malformed. */
  static Map<String, Long> parseKeyValues(String text, Path file) throws IOException {
    Map<String, Long> values = new LinkedHashMap<>();
    int lineNumber = 0;
    for (String line : text.split("\n")) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.trim().split("\\s+");
      if (parts.length != 2) {
        throw new IOException(
            "malformed " + file + " line " + lineNumber + ": '" + abbreviate(line) + "'");
      }
      try {
        long value = Long.parseLong(parts[1]);
        if (value < 0) {
          // The kernel's counters are unsigned: a negative one would show as a negative gauge.
          throw new NumberFormatException("negative");
        }
        values.put(parts[0], value);
      } catch (NumberFormatException e) {
        throw new IOException(
            "malformed " + file + " line " + lineNumber + ": '" + abbreviate(line) + "'", e);
      }
    }
    return Collections.unmodifiableMap(values);
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
