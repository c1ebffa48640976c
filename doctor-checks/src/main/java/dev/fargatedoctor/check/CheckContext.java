package dev.fargatedoctor.check;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * What a check may use: one region of the snapshot, the clock, the thresholds, and a finding
 * factory.
 */
public final class CheckContext {
  private final CheckInfo info;
  private final RegionView region;
  private final Clock clock;
  private final Thresholds thresholds;

  public CheckContext(CheckInfo info, RegionView region, Clock clock, Thresholds thresholds) {
    this.info = info;
    this.region = region;
    this.clock = clock;
    this.thresholds = thresholds;
  }

  public RegionView region() {
    return region;
  }

  public Instant now() {
    return clock.instant();
  }

  public Thresholds thresholds() {
    return thresholds;
  }

  /**
   * Judges resources one at a time. When judging one throws (a field AWS left out, a shape the
   * check did not foresee), that resource gets an UNKNOWN finding naming the check, the resource
   * and the error, and the others are judged as usual: one odd resource never hides the rest.
   *
   * @param about names an item for the UNKNOWN finding (only called when judging it failed)
   * @param judge the findings for one item, none when it is not the check's business
   */
  public <T> List<Finding> each(
      Iterable<? extends T> items,
      Function<? super T, Resource> about,
      Function<? super T, ? extends Collection<Finding>> judge) {
    List<Finding> out = new ArrayList<>();
    int index = 0;
    for (T item : items) {
      try {
        out.addAll(judge.apply(item));
      } catch (RuntimeException e) {
        out.add(
            Unevaluated.finding(
                info, region.accountId(), region.name(), describe(about, item, index), e));
      }
      index++;
    }
    return out;
  }

  // The item's own name when it has one; its position when even naming it fails.
  private static <T> Resource describe(Function<? super T, Resource> about, T item, int index) {
    try {
      Resource r = about.apply(item);
      if (r != null && r.id() != null) return r;
    } catch (RuntimeException unnamed) {
      // fall through: the position still tells which one it was
    }
    return Resource.of("resource", "#" + (index + 1));
  }

  /** Starts a finding of this check about a resource, with the check's law and default severity. */
  public FindingBuilder finding(Resource resource) {
    return new FindingBuilder(info, region.accountId(), region.name(), resource);
  }
}
