package dev.fargatedoctor.collect.org;

import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.Snapshot;
import java.util.List;

/**
 * What the scan of one account gave: its snapshot (null when nothing could be collected, e.g. the
 * role could not be assumed) and the gaps no snapshot records — a role that could not be assumed, a
 * Region that is not enabled in the account — each naming what it would take.
 */
public record AccountOutcome(Account account, Snapshot snapshot, List<Coverage> gaps) {
  public AccountOutcome {
    gaps = List.copyOf(gaps);
  }
}
