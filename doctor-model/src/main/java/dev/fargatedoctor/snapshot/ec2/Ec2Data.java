package dev.fargatedoctor.snapshot.ec2;

import dev.fargatedoctor.snapshot.Lists;
import java.util.List;

/** Everything collected from EC2 for one region. */
public record Ec2Data(
    List<Vpc> vpcs,
    List<Subnet> subnets,
    List<RouteTable> routeTables,
    List<NatGateway> natGateways,
    List<InternetGateway> internetGateways,
    List<VpcEndpoint> vpcEndpoints,
    List<NetworkAcl> networkAcls,
    List<SecurityGroup> securityGroups,
    List<NetworkInterface> networkInterfaces,
    List<FlowLog> flowLogs,
    List<PrefixList> prefixLists) {
  public static final Ec2Data EMPTY =
      new Ec2Data(null, null, null, null, null, null, null, null, null, null, null);

  public Ec2Data {
    vpcs = Lists.of(vpcs);
    subnets = Lists.of(subnets);
    routeTables = Lists.of(routeTables);
    natGateways = Lists.of(natGateways);
    internetGateways = Lists.of(internetGateways);
    vpcEndpoints = Lists.of(vpcEndpoints);
    networkAcls = Lists.of(networkAcls);
    securityGroups = Lists.of(securityGroups);
    networkInterfaces = Lists.of(networkInterfaces);
    flowLogs = Lists.of(flowLogs);
    prefixLists = Lists.of(prefixLists);
  }

  /** Without prefix lists: snapshots and builders from before they were collected. */
  public Ec2Data(
      List<Vpc> vpcs,
      List<Subnet> subnets,
      List<RouteTable> routeTables,
      List<NatGateway> natGateways,
      List<InternetGateway> internetGateways,
      List<VpcEndpoint> vpcEndpoints,
      List<NetworkAcl> networkAcls,
      List<SecurityGroup> securityGroups,
      List<NetworkInterface> networkInterfaces,
      List<FlowLog> flowLogs) {
    this(
        vpcs,
        subnets,
        routeTables,
        natGateways,
        internetGateways,
        vpcEndpoints,
        networkAcls,
        securityGroups,
        networkInterfaces,
        flowLogs,
        null);
  }
}
