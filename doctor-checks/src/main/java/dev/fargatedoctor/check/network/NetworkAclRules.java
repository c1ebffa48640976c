package dev.fargatedoctor.check.network;

import dev.fargatedoctor.snapshot.ec2.NetworkAcl;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates a network ACL the way AWS does: the entries of one direction in rule-number order, the
 * first that matches decides, and a final deny (rule {@code *}, number 32767) when nothing does.
 * Emulators and hand-made snapshots may leave that entry out; it is applied anyway. A flow here is
 * a set (addresses times ports), so an entry may match part of it: a partial entry with the other
 * action before the deciding one makes the outcome PARTIAL.
 */
final class NetworkAclRules {
  public static final int IMPLICIT_DENY = 32767;

  public enum Outcome {
    ALLOW,
    DENY,
    PARTIAL
  }

  /**
   * The outcome, the entry that decided it, and the entries before it that matched part of the
   * flow.
   */
  public record Decision(
      Outcome outcome, NetworkAcl.Entry deciding, List<NetworkAcl.Entry> partial) {
    public Decision {
      partial = List.copyOf(partial);
    }

    /** The entries that deny some or all of the flow, lowest rule number first. */
    public List<NetworkAcl.Entry> denying() {
      List<NetworkAcl.Entry> out = new ArrayList<>();
      partial.stream().filter(NetworkAclRules::isDeny).forEach(out::add);
      if (isDeny(deciding)) out.add(deciding);
      return out;
    }
  }

  private NetworkAclRules() {}

  public static Decision evaluate(NetworkAcl acl, boolean egress, Addresses peer, Ports ports) {
    return evaluate(acl, egress, peer, ports, 6);
  }

  /**
   * Like {@link #evaluate(NetworkAcl, boolean, Addresses, Ports)} for any IP protocol number: an
   * entry applies when it names that protocol or all; ports count for TCP (6) and UDP (17) only.
   */
  public static Decision evaluate(
      NetworkAcl acl, boolean egress, Addresses peer, Ports ports, int protocol) {
    List<NetworkAcl.Entry> entries = entries(acl, egress);
    List<NetworkAcl.Entry> partial = new ArrayList<>();
    boolean partAllowed = false;
    boolean partDenied = false;
    for (NetworkAcl.Entry e : entries) {
      Match m = match(e, peer, ports, protocol);
      if (m == Match.NONE) continue;
      if (m == Match.PARTIAL) {
        partial.add(e);
        if (isDeny(e)) partDenied = true;
        else partAllowed = true;
        continue;
      }
      Outcome o =
          isDeny(e)
              ? (partAllowed ? Outcome.PARTIAL : Outcome.DENY)
              : (partDenied ? Outcome.PARTIAL : Outcome.ALLOW);
      return new Decision(o, e, partial);
    }
    throw new IllegalStateException("unreachable: the implicit deny matches every flow");
  }

  /** One direction's entries in evaluation order, with the final deny AWS applies. */
  public static List<NetworkAcl.Entry> entries(NetworkAcl acl, boolean egress) {
    List<NetworkAcl.Entry> out =
        new ArrayList<>(
            acl.entries().stream()
                .filter(e -> Boolean.TRUE.equals(e.egress()) == egress && e.ruleNumber() != null)
                .sorted(Comparator.comparingInt(NetworkAcl.Entry::ruleNumber))
                .toList());
    if (out.stream().noneMatch(e -> e.ruleNumber() == IMPLICIT_DENY && e.cidrBlock() != null)) {
      out.add(new NetworkAcl.Entry(IMPLICIT_DENY, "-1", "deny", egress, "0.0.0.0/0", null, null));
    }
    return out;
  }

  static Match match(NetworkAcl.Entry e, Addresses peer, Ports ports) {
    return match(e, peer, ports, 6);
  }

  static Match match(NetworkAcl.Entry e, Addresses peer, Ports ports, int protocol) {
    Optional<Cidr> cidr = Cidr.tryParse(e.cidrBlock());
    if (cidr.isEmpty()) return Match.NONE; // an IPv6 entry never matches IPv4 traffic
    Match portMatch;
    if ("-1".equals(e.protocol()) || "all".equalsIgnoreCase(e.protocol())) {
      portMatch = Match.FULL;
    } else if (protocol != 6 && protocol != 17) {
      portMatch = Integer.toString(protocol).equals(e.protocol()) ? Match.FULL : Match.NONE;
      if (portMatch == Match.NONE) return Match.NONE;
    } else if (Integer.toString(protocol).equals(e.protocol())
        || (protocol == 6 && "tcp".equalsIgnoreCase(e.protocol()))
        || (protocol == 17 && "udp".equalsIgnoreCase(e.protocol()))) {
      portMatch =
          e.portRange() == null || e.portRange().from() == null
              ? Match.FULL
              : ports.matchedBy(
                  e.portRange().from(),
                  e.portRange().to() == null ? e.portRange().from() : e.portRange().to());
    } else {
      return Match.NONE; // another protocol's entry
    }
    return peer.matchedBy(cidr.get()).and(portMatch);
  }

  static boolean isDeny(NetworkAcl.Entry e) {
    return "deny".equalsIgnoreCase(e.ruleAction());
  }

  /** {@code rule 90 denies tcp 1024-65535 from 0.0.0.0/0}, the way the console lists an entry. */
  public static String describe(NetworkAcl.Entry e) {
    String number = e.ruleNumber() == IMPLICIT_DENY ? "*" : e.ruleNumber().toString();
    String protocol =
        "-1".equals(e.protocol())
            ? "all traffic"
            : ("6".equals(e.protocol()) ? "tcp" : "protocol " + e.protocol())
                + (e.portRange() == null || e.portRange().from() == null
                    ? ""
                    : " "
                        + (e.portRange().from().equals(e.portRange().to())
                            ? e.portRange().from().toString()
                            : e.portRange().from() + "-" + e.portRange().to()));
    return "rule "
        + number
        + " "
        + (isDeny(e) ? "denies " : "allows ")
        + protocol
        + (Boolean.TRUE.equals(e.egress()) ? " to " : " from ")
        + e.cidrBlock();
  }
}
