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
    return evaluate(groupIds, groups, peer, port, peerGroups, true, 6);
  }

  static Decision ingress(
      Collection<String> groupIds,
      Map<String, SecurityGroup> groups,
      Addresses peer,
      int port,
      Set<String> peerGroups) {
    return evaluate(groupIds, groups, peer, port, peerGroups, false, 6);
  }

  /** Either direction, for any IP protocol number (flow logs carry UDP and ICMP too). */
  static Decision evaluate(
      Collection<String> groupIds,
      Map<String, SecurityGroup> groups,
      Addresses peer,
      int port,
      Set<String> peerGroups,
      boolean egress,
      int protocol) {
    Match best = Match.NONE;
    String rule = null;
    List<String> missing = groupIds.stream().filter(id -> !groups.containsKey(id)).toList();
    for (String id : groupIds) {
      SecurityGroup g = groups.get(id);
      if (g == null) continue;
      for (SecurityGroup.Permission p : egress ? g.ipPermissionsEgress() : g.ipPermissions()) {
        if (!covers(p, port, protocol)) continue;
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

  private static boolean covers(SecurityGroup.Permission p, int port, int protocol) {
    String proto = p.ipProtocol();
    if ("-1".equals(proto)) return true;
    boolean same =
        Integer.toString(protocol).equals(proto)
            || (protocol == 6 && "tcp".equalsIgnoreCase(proto))
            || (protocol == 17 && "udp".equalsIgnoreCase(proto))
            || (protocol == 1 && "icmp".equalsIgnoreCase(proto));
    if (!same) return false;
    if (protocol != 6 && protocol != 17) return true; // ICMP types are not evaluated
    if (p.fromPort() == null || p.toPort() == null) return true;
    return p.fromPort() <= port && port <= p.toPort();
  }

  private static String protocol(SecurityGroup.Permission p) {
    if ("-1".equals(p.ipProtocol())) return "all traffic";
    String name =
        "17".equals(p.ipProtocol()) || "udp".equalsIgnoreCase(p.ipProtocol())
            ? "udp"
            : "1".equals(p.ipProtocol()) || "icmp".equalsIgnoreCase(p.ipProtocol())
                ? "icmp"
                : "tcp";
    if (p.fromPort() == null || name.equals("icmp")) return name;
    return name
        + "/"
        + (p.fromPort().equals(p.toPort()) ? p.fromPort() : p.fromPort() + "-" + p.toPort());
  }
}
