package dev.fargatedoctor.check.network;

import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.RegionView;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.ec2.FlowLog;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ec2.Vpc;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one account's scan knows of the flow logs of a VPC shared through AWS RAM. A participant
 * cannot describe the flow logs of a shared VPC or its subnets; its owner can. An organisation scan
 * keeps this, not the snapshot, so that a participant's FLOWLOGS-MISSING can be judged with the
 * owner's view when the owner was scanned too.
 *
 * @param ownerId the VPC's owner: the scanned account itself for the owner's view
 * @param taskSubnets the subnets of the VPC the scanned account's services place tasks in
 * @param logs the VPC- and subnet-level flow logs of the VPC this scan sees
 */
public record VpcFlowLogs(
    String account,
    String region,
    String vpcId,
    String ownerId,
    Set<String> taskSubnets,
    List<FlowLog> logs) {
  public VpcFlowLogs {
    taskSubnets = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(taskSubnets));
    logs = List.copyOf(logs);
  }

  /** True for the owner's view of its VPC, false for a participant's. */
  public boolean owners() {
    return ownerId != null && ownerId.equals(account);
  }

  /**
   * The VPCs of a Region as this scan sees them, for sharing: for a participant, each VPC owned
   * elsewhere that holds its task subnets; for an owner, each VPC it owns, since which of them are
   * shared (through AWS RAM) is not in the snapshot, and a participant's tasks may hold no
   * interface at the moment of the owner's scan. Nothing when the flow logs could not all be read
   * (an owner's view without them would clear or fail a participant on no evidence).
   */
  public static List<VpcFlowLogs> of(RegionView view) {
    String account = view.accountId();
    if (account == null || !flowLogsRead(view)) return List.of();
    Map<String, Set<String>> tasks = FlowLogsMissing.taskSubnetsByVpc(view);
    List<VpcFlowLogs> out = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : tasks.entrySet()) {
      String owner = FlowLogsMissing.ownerElsewhere(view, e.getKey(), e.getValue());
      if (owner != null)
        out.add(
            new VpcFlowLogs(
                account, view.name(), e.getKey(), owner, e.getValue(), logsOf(view, e.getKey())));
    }
    Set<String> own = new LinkedHashSet<>();
    for (Vpc v : view.data().ec2().vpcs())
      if (v.ownerId() == null || v.ownerId().equals(account)) own.add(v.vpcId());
    for (Subnet s : view.data().ec2().subnets())
      if (s.vpcId() != null
          && !s.ownedByAnother(account)
          && FlowLogsMissing.ownerElsewhere(view, s.vpcId(), List.of()) == null) own.add(s.vpcId());
    for (String vpcId : own)
      out.add(
          new VpcFlowLogs(
              account,
              view.name(),
              vpcId,
              account,
              tasks.getOrDefault(vpcId, Set.of()),
              logsOf(view, vpcId)));
    return out;
  }

  /**
   * FLOWLOGS-MISSING of every participant whose VPC's owner was scanned in the same run, judged
   * with the owner's flow logs; a participant whose owner is not among them is left out (its own
   * scan's UNKNOWN stands).
   */
  public static List<Finding> judgeWithOwners(Collection<VpcFlowLogs> organisation) {
    Map<String, VpcFlowLogs> owners = new HashMap<>();
    for (VpcFlowLogs v : organisation) if (v.owners()) owners.put(v.region + "|" + v.vpcId, v);
    List<Finding> out = new ArrayList<>();
    for (VpcFlowLogs v : organisation) {
      if (v.owners() || v.taskSubnets.isEmpty()) continue;
      VpcFlowLogs owner = owners.get(v.region + "|" + v.vpcId);
      if (owner != null && owner.account.equals(v.ownerId))
        out.add(FlowLogsMissing.judge(v, owner));
    }
    return out;
  }

  // Read for the whole Region: a gap (denied, throttled) leaves the view incomplete.
  private static boolean flowLogsRead(RegionView view) {
    List<Coverage> read = view.coverage("ec2:DescribeFlowLogs");
    return !read.isEmpty() && read.stream().allMatch(Coverage::collected);
  }

  private static List<FlowLog> logsOf(RegionView view, String vpcId) {
    Set<String> resources = new LinkedHashSet<>();
    resources.add(vpcId);
    for (Subnet s : view.data().ec2().subnets())
      if (vpcId.equals(s.vpcId())) resources.add(s.subnetId());
    return view.data().ec2().flowLogs().stream()
        .filter(l -> resources.contains(l.resourceId()))
        .map(VpcFlowLogs::judged)
        .toList();
  }

  // What the judgement reads and shows, without the destination and format strings: an
  // organisation scan keeps this for every account.
  private static FlowLog judged(FlowLog l) {
    return new FlowLog(
        l.flowLogId(),
        l.resourceId(),
        l.trafficType(),
        l.logDestinationType(),
        null,
        null,
        l.flowLogStatus(),
        l.deliverLogsStatus(),
        l.deliverLogsErrorMessage(),
        null);
  }
}
