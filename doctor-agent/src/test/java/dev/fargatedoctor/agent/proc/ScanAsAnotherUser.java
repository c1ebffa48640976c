package dev.fargatedoctor.agent.proc;

import java.nio.file.Path;

/**
 * Run by {@link SocketOwnersTest} as an unprivileged uid: what does the scan make of root's
 * processes?
 */
public final class ScanAsAnotherUser {

  private ScanAsAnotherUser() {}

  public static void main(String[] args) throws Exception {
    SocketOwners.Scan scan = new SocketOwners(Path.of("/proc")).scan();
    System.out.println("unreadable=" + scan.unreadablePids());
    System.out.println("readable=" + scan.fdsByPid().keySet());
  }
}
