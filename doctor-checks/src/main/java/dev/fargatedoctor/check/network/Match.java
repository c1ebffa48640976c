package dev.fargatedoctor.check.network;

/**
 * How much of a set of flows a rule or route applies to: all of them, some, or none. A destination
 * such as "the internet" or "S3" is a set of addresses, and a return flow a range of ports, so a
 * rule can apply to part of it: that part is what makes failures intermittent.
 */
enum Match {
  FULL,
  PARTIAL,
  NONE;

  /** Both dimensions (addresses and ports) must match for the rule to apply. */
  Match and(Match other) {
    if (this == NONE || other == NONE) return NONE;
    return this == FULL && other == FULL ? FULL : PARTIAL;
  }
}
