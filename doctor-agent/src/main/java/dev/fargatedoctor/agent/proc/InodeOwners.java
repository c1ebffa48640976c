package dev.fargatedoctor.agent.proc;

/**
 * Socket inode to owning pid, as an open-addressing table of primitives: a sample holds one entry
 * per socket (10,000 and more), and boxed {@code Map<Long, Integer>} entries would dominate the
 * sidecar's small heap.
 */
public final class InodeOwners {

  private static final int NONE = 0;

  private long[] keys;
  private int[] pids;
  private int size;

  public InodeOwners() {
    keys = new long[64];
    pids = new int[64];
  }

  /**
   * Records the owner unless the inode already has one (a socket shared after fork keeps its first
   * pid).
   */
  public void putIfAbsent(long inode, int pid) {
    if (inode == 0 || pid == NONE) {
      return;
    }
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int slot = slot(keys, inode);
    if (keys[slot] == 0) {
      keys[slot] = inode;
      pids[slot] = pid;
      size++;
    }
  }

  /** The owning pid, or 0 when no readable process holds the socket. */
  public int ownerOf(long inode) {
    if (inode == 0) {
      return NONE;
    }
    int slot = slot(keys, inode);
    return keys[slot] == inode ? pids[slot] : NONE;
  }

  public int size() {
    return size;
  }

  private static int slot(long[] keys, long inode) {
    int mask = keys.length - 1;
    int i = (int) (mix(inode) & mask);
    while (keys[i] != 0 && keys[i] != inode) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    return x;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldPids = pids;
    keys = new long[oldKeys.length * 2];
    pids = new int[oldKeys.length * 2];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        int slot = slot(keys, oldKeys[i]);
        keys[slot] = oldKeys[i];
        pids[slot] = oldPids[i];
      }
    }
  }

  @Override
  public String toString() {
    return "InodeOwners[size=" + size + "]";
  }
}
