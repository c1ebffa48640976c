package dev.fargatedoctor.agent.proc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads {@code status} (Name, VmRSS, Threads), {@code limits} (Max open files) and {@code cmdline}
 * of one process under a proc root. Never reads {@code environ}: environment values must not reach
 * any output.
 */
public final class ProcessReader {

  private static final int CMDLINE_MAX = 4096;

  private final Path procRoot;

  public ProcessReader(Path procRoot) {
    this.procRoot = procRoot;
  }

  /** The process, or empty when it vanished (or its status cannot be read) mid-read. */
  public Optional<ProcessInfo> read(int pid) {
    Path dir = procRoot.resolve(Integer.toString(pid));
    String status;
    try {
      status = Files.readString(dir.resolve("status"), StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException vanished) {
      return Optional.empty();
    }
    String name = statusField(status, "Name:");
    long rssKb = parseKb(statusField(status, "VmRSS:"));
    long threads = parseLong(statusField(status, "Threads:"));
    long maxOpenFiles = -1;
    try {
      maxOpenFiles = maxOpenFiles(Files.readString(dir.resolve("limits"), StandardCharsets.UTF_8));
    } catch (IOException | java.io.UncheckedIOException unreadable) {
      // leave unknown: the process may have just exited
    }
    String commandLine = "";
    try (InputStream in = Files.newInputStream(dir.resolve("cmdline"))) {
      byte[] raw = in.readNBytes(CMDLINE_MAX);
      commandLine = CommandLines.display(CommandLines.split(raw, raw.length));
    } catch (IOException vanished) {
      // leave empty
    }
    return Optional.of(
        new ProcessInfo(
            pid,
            name == null ? "?" : name,
            commandLine,
            rssKb < 0 || rssKb > Long.MAX_VALUE / 1024 ? -1 : rssKb * 1024,
            maxOpenFiles,
            (int) Math.max(0, Math.min(Integer.MAX_VALUE, threads))));
  }

  /** The value after a "Key:" line prefix in a status file, trimmed, or null. */
  static String statusField(String status, String key) {
    int at = status.startsWith(key) ? 0 : status.indexOf("\n" + key);
    if (at < 0) {
      return null;
    }
    int start = at == 0 ? key.length() : at + 1 + key.length();
    int end = status.indexOf('\n', start);
    return status.substring(start, end < 0 ? status.length() : end).trim();
  }

  /** The soft limit from a "Max open files 1024 4096 files" line; -1 for unlimited or missing. */
  static long maxOpenFiles(String limits) {
    for (String line : limits.split("\n")) {
      if (line.startsWith("Max open files")) {
        String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
        if (parts.length >= 1 && !parts[0].equals("unlimited")) {
          return parseLong(parts[0]);
        }
        return -1;
      }
    }
    return -1;
  }

  private static long parseKb(String value) {
    if (value == null) {
      return -1;
    }
    String number = value.endsWith("kB") ? value.substring(0, value.length() - 2).trim() : value;
    return parseLong(number);
  }

  /** A count or size: -1 (unknown) unless it is a non-negative decimal number. */
  private static long parseLong(String value) {
    if (value == null) {
      return -1;
    }
    try {
      // A process cannot write its own status, but a fixture or a /proc from elsewhere can.
      return Math.max(-1, Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
