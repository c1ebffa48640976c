package dev.fargatedoctor.agent.proc;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks {@code <procRoot>/<pid>/fd} for every visible process: which pid owns each socket inode
 * (the {@code socket:[<inode>]} links), and how many fds and sockets each process holds.
 *
 * <p>Processes and fds vanish mid-walk all the time; those are skipped silently. Processes whose fd
 * directory is not readable (another uid without CAP_SYS_PTRACE) are listed as unreadable so
 * outputs can say why some sockets have no owner.
 */
public final class SocketOwners {

  private final Path procRoot;

  public SocketOwners(Path procRoot) {
    this.procRoot = procRoot;
  }

  /** Fd counts for one process. */
  public record FdCount(int open, int sockets) {}

  /** The result of one walk. */
  public record Scan(
      InodeOwners owners, Map<Integer, FdCount> fdsByPid, List<Integer> unreadablePids) {}

  public Scan scan() throws IOException {
    InodeOwners owners = new InodeOwners();
    Map<Integer, FdCount> fds = new LinkedHashMap<>();
    List<Integer> unreadable = new ArrayList<>();
    for (int pid : pids(procRoot)) {
      scanProcess(pid, owners, fds, unreadable);
    }
    return new Scan(
        owners, Collections.unmodifiableMap(fds), Collections.unmodifiableList(unreadable));
  }

  /** The numeric entries of the proc root, ascending. */
  public static List<Integer> pids(Path procRoot) throws IOException {
    List<Integer> pids = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(procRoot)) {
      for (Path entry : entries) {
        int pid = parsePid(entry.getFileName().toString());
        if (pid > 0) {
          pids.add(pid);
        }
      }
    }
    Collections.sort(pids);
    return pids;
  }

  private void scanProcess(
      int pid, InodeOwners owners, Map<Integer, FdCount> fds, List<Integer> unreadable) {
    Path fdDir = procRoot.resolve(Integer.toString(pid)).resolve("fd");
    int open = 0;
    int sockets = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(fdDir)) {
      for (Path fd : entries) {
        open++;
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (NoSuchFileException | AccessDeniedException closedOrGone) {
          continue; // the fd was closed between listing and readlink
        } catch (IOException other) {
          continue;
        }
        long inode = socketInode(target);
        if (inode > 0) {
          sockets++;
          owners.putIfAbsent(inode, pid);
        }
      }
    } catch (AccessDeniedException denied) {
      unreadable.add(pid);
      return;
    } catch (NoSuchFileException | java.nio.file.NotDirectoryException vanished) {
      return; // the process exited mid-walk
    } catch (IOException | java.nio.file.DirectoryIteratorException raced) {
      return; // ESRCH and friends while the process is being torn down
    }
    fds.put(pid, new FdCount(open, sockets));
  }

  /** The inode of a {@code socket:[12345]} link target, or -1 for any other kind of fd. */
  static long socketInode(String target) {
    if (!target.startsWith("socket:[") || !target.endsWith("]")) {
      return -1;
    }
    try {
      return Long.parseLong(target, 8, target.length() - 1, 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static int parsePid(String name) {
    if (name.isEmpty() || name.length() > 9) {
      return -1;
    }
    int pid = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      pid = pid * 10 + (c - '0');
    }
    return pid;
  }
}
