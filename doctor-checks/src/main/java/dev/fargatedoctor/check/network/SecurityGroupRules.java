package dev.fargatedoctor.check.network;

import dev.fargatedoctor.snapshot.ec2.SecurityGroup;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates security groups: allow rules only, the union of every group on the interface, stateful
 * (return traffic of an allowed flow is allowed). A rule names addresses by CIDR, prefix list or
 * another security group.
 */
final class SecurityGroupRules {
  /**
   * The best match across the groups, the rule that gave it, and the groups missing from the
   * snapshot.
   */
  record Decision(Match match, String rule, List<String> missing) {}

  private SecurityGroupRules() {}

  static Decision egress(
      Collection<String> groupIds,
      Map<String, SecurityGroup> groups,
      Addresses peer,
      int port,
      Set<String> peerGroups) {
    return evaluate(groupIds, groups, peer, port, peerGroups, true);
  }

  static Decision ingress(
      Collection<String> groupIds,
      Map<String, SecurityGroup> groups,
      Addresses peer,
      int port,
      Set<String> peerGroups) {
    return evaluate(groupIds, groups, peer, port, peerGroups, false);
  }

  private static Decision evaluate(
      Collection<String> groupIds,
      Map<String, SecurityGroup> groups,
      Addresses peer,
      int port,
      Set<String> peerGroups,
      boolean egress) {
    Match best = Match.NONE;
    String rule = null;
    List<String> missing = groupIds.stream().filter(id -> !groups.containsKey(id)).toList();
    for (String id : groupIds) {
      SecurityGroup g = groups.get(id);
      if (g == null) continue;
      for (SecurityGroup.Permission p : egress ? g.ipPermissionsEgress() : g.ipPermissions()) {
        if (!coversPort(p, port)) continue;
        for (SecurityGroup.IpRange r : p.ipRanges()) {
          Optional<Cidr> c = Cidr.tryParse(r.cidrIp());
          if (c.isEmpty()) continue;
          Match m = peer.matchedBy(c.get());
          if (better(m, best)) {
            best = m;
            rule = id + " allows " + protocol(p) + (egress ? " to " : " from ") + r.cidrIp();
          }
        }
        for (SecurityGroup.PrefixListId pl : p.prefixListIds()) {
          Match m = peer.matchedByPrefixList(pl.prefixListId());
          if (better(m, best)) {
            best = m;
            rule = id + " allows " + protocol(p) + (egress ? " to " : " from ") + pl.prefixListId();
          }
        }
        for (SecurityGroup.UserIdGroupPair pair : p.userIdGroupPairs()) {
          if (pair.groupId() != null
              && peerGroups.contains(pair.groupId())
              && better(Match.FULL, best)) {
            best = Match.FULL;
            rule =
                id
                    + " allows "
                    + protocol(p)
                    + (egress ? " to " : " from ")
                    + "security group "
                    + pair.groupId();
          }
        }
        if (best == Match.FULL) return new Decision(best, rule, missing);
      }
    }
    return new Decision(best, rule, missing);
  }

  private static boolean better(Match m, Match than) {
    return m.ordinal() < than.ordinal();
  }

  private static boolean coversPort(SecurityGroup.Permission p, int port) {
    String proto = p.ipProtocol();
    if ("-1".equals(proto)) return true;
    if (!"tcp".equalsIgnoreCase(proto) && !"6".equals(proto)) return false;
    if (p.fromPort() == null || p.toPort() == null) return true;
    return p.fromPort() <= port && port <= p.toPort();
  }

  private static String protocol(SecurityGroup.Permission p) {
    if ("-1".equals(p.ipProtocol())) return "all traffic";
    if (p.fromPort() == null) return "tcp";
    return "tcp/"
        + (p.fromPort().equals(p.toPort()) ? p.fromPort() : p.fromPort() + "-" + p.toPort());
  }
}
