package dev.fargatedoctor.check.network;

/**
 * The outcome of a path: reachable (maybe with risks), blocked, or not decidable from the snapshot.
 */
public enum Verdict {
  REACHABLE,
  BLOCKED,
  UNDETERMINED
}
