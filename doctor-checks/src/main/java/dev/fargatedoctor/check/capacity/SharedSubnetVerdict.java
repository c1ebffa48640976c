package dev.fargatedoctor.check.capacity;

import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Thresholds;
import java.util.List;

/**
 * A subnet several accounts take part in, and the organisation's SUBNET-IPS verdict on it, judged
 * for its owner on every scanned account's view: what the organisation report lists per shared
 * subnet.
 */
public record SharedSubnetVerdict(SharedSubnet subnet, Finding finding) {

  /**
   * The verdicts on the shared subnets some scanned account places tasks in, in order of Region and
   * id.
   */
  public static List<SharedSubnetVerdict> of(List<SubnetUse> uses, Thresholds thresholds) {
    return SharedSubnet.join(uses).stream()
        .filter(s -> s.shared() && !s.services().isEmpty())
        .map(s -> new SharedSubnetVerdict(s, SubnetIpHeadroom.judge(s, s.owner(), thresholds)))
        .toList();
  }
}
