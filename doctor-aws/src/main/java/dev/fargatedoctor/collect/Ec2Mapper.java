package dev.fargatedoctor.collect;

import dev.fargatedoctor.snapshot.ec2.FlowLog;
import dev.fargatedoctor.snapshot.ec2.InternetGateway;
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.NetworkAcl;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import dev.fargatedoctor.snapshot.ec2.PrefixList;
import dev.fargatedoctor.snapshot.ec2.Route;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.SecurityGroup;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ec2.Tag;
import dev.fargatedoctor.snapshot.ec2.Vpc;
import dev.fargatedoctor.snapshot.ec2.VpcEndpoint;
import java.util.List;
import java.util.function.Function;

/** SDK EC2 model objects to snapshot records: a field-for-field copy of what the checks read. */
final class Ec2Mapper {
  private Ec2Mapper() {}

  static <A, B> List<B> map(List<A> items, Function<A, B> f) {
    return items == null ? List.of() : items.stream().map(f).toList();
  }

  static List<Tag> tags(List<software.amazon.awssdk.services.ec2.model.Tag> tags) {
    return map(tags, t -> new Tag(t.key(), t.value()));
  }

  static Vpc vpc(software.amazon.awssdk.services.ec2.model.Vpc v) {
    return new Vpc(
        v.vpcId(),
        v.cidrBlock(),
        map(v.cidrBlockAssociationSet(), a -> new Vpc.CidrBlockAssociation(a.cidrBlock())),
        v.isDefault(),
        tags(v.tags()),
        v.ownerId());
  }

  static Subnet subnet(software.amazon.awssdk.services.ec2.model.Subnet s) {
    return new Subnet(
        s.subnetId(),
        s.vpcId(),
        s.availabilityZone(),
        s.availabilityZoneId(),
        s.cidrBlock(),
        s.availableIpAddressCount(),
        s.mapPublicIpOnLaunch(),
        tags(s.tags()),
        s.ownerId());
  }

  static RouteTable routeTable(software.amazon.awssdk.services.ec2.model.RouteTable t) {
    return new RouteTable(
        t.routeTableId(),
        t.vpcId(),
        map(
            t.routes(),
            r ->
                new Route(
                    r.destinationCidrBlock(),
                    r.destinationIpv6CidrBlock(),
                    r.destinationPrefixListId(),
                    r.gatewayId(),
                    r.natGatewayId(),
                    r.transitGatewayId(),
                    r.vpcPeeringConnectionId(),
                    r.networkInterfaceId(),
                    r.instanceId(),
                    r.egressOnlyInternetGatewayId(),
                    r.localGatewayId(),
                    r.carrierGatewayId(),
                    r.coreNetworkArn(),
                    r.stateAsString(),
                    r.originAsString())),
        map(
            t.associations(),
            a ->
                new RouteTable.Association(
                    a.routeTableAssociationId(),
                    a.routeTableId(),
                    a.subnetId(),
                    a.gatewayId(),
                    a.main())),
        tags(t.tags()));
  }

  static NatGateway natGateway(software.amazon.awssdk.services.ec2.model.NatGateway n) {
    return new NatGateway(
        n.natGatewayId(),
        n.subnetId(),
        n.vpcId(),
        n.stateAsString(),
        n.connectivityTypeAsString(),
        map(
            n.natGatewayAddresses(),
            a ->
                new NatGateway.Address(
                    a.allocationId(), a.networkInterfaceId(), a.privateIp(), a.publicIp())),
        n.failureCode(),
        n.failureMessage(),
        tags(n.tags()));
  }

  static InternetGateway internetGateway(
      software.amazon.awssdk.services.ec2.model.InternetGateway g) {
    return new InternetGateway(
        g.internetGatewayId(),
        map(g.attachments(), a -> new InternetGateway.Attachment(a.vpcId(), a.stateAsString())),
        tags(g.tags()));
  }

  static VpcEndpoint vpcEndpoint(software.amazon.awssdk.services.ec2.model.VpcEndpoint e) {
    return new VpcEndpoint(
        e.vpcEndpointId(),
        e.vpcId(),
        e.serviceName(),
        e.vpcEndpointTypeAsString(),
        e.stateAsString(),
        e.subnetIds(),
        e.routeTableIds(),
        e.privateDnsEnabled(),
        map(e.groups(), g -> new SecurityGroup.GroupIdentifier(g.groupId(), g.groupName())),
        e.networkInterfaceIds());
  }

  static NetworkAcl networkAcl(software.amazon.awssdk.services.ec2.model.NetworkAcl a) {
    return new NetworkAcl(
        a.networkAclId(),
        a.vpcId(),
        a.isDefault(),
        map(
            a.entries(),
            e ->
                new NetworkAcl.Entry(
                    e.ruleNumber(),
                    e.protocol(),
                    e.ruleActionAsString(),
                    e.egress(),
                    e.cidrBlock(),
                    e.ipv6CidrBlock(),
                    e.portRange() == null
                        ? null
                        : new NetworkAcl.PortRange(e.portRange().from(), e.portRange().to()))),
        map(
            a.associations(),
            s ->
                new NetworkAcl.Association(
                    s.networkAclAssociationId(), s.networkAclId(), s.subnetId())),
        tags(a.tags()));
  }

  static SecurityGroup securityGroup(software.amazon.awssdk.services.ec2.model.SecurityGroup g) {
    return new SecurityGroup(
        g.groupId(),
        g.groupName(),
        g.vpcId(),
        g.description(),
        map(g.ipPermissions(), Ec2Mapper::permission),
        map(g.ipPermissionsEgress(), Ec2Mapper::permission),
        tags(g.tags()));
  }

  private static SecurityGroup.Permission permission(
      software.amazon.awssdk.services.ec2.model.IpPermission p) {
    return new SecurityGroup.Permission(
        p.ipProtocol(),
        p.fromPort(),
        p.toPort(),
        map(p.ipRanges(), r -> new SecurityGroup.IpRange(r.cidrIp(), r.description())),
        map(p.ipv6Ranges(), r -> new SecurityGroup.Ipv6Range(r.cidrIpv6(), r.description())),
        map(
            p.prefixListIds(),
            r -> new SecurityGroup.PrefixListId(r.prefixListId(), r.description())),
        map(
            p.userIdGroupPairs(),
            r -> new SecurityGroup.UserIdGroupPair(r.groupId(), r.userId(), r.description())));
  }

  static NetworkInterface networkInterface(
      software.amazon.awssdk.services.ec2.model.NetworkInterface n) {
    var a = n.attachment();
    var assoc = n.association();
    return new NetworkInterface(
        n.networkInterfaceId(),
        n.subnetId(),
        n.vpcId(),
        n.availabilityZone(),
        n.description(),
        n.interfaceTypeAsString(),
        n.requesterId(),
        n.requesterManaged(),
        n.statusAsString(),
        n.privateIpAddress(),
        a == null
            ? null
            : new NetworkInterface.Attachment(
                a.attachmentId(),
                a.instanceId(),
                a.instanceOwnerId(),
                a.statusAsString(),
                a.deviceIndex()),
        assoc == null
            ? null
            : new NetworkInterface.Association(assoc.publicIp(), assoc.ipOwnerId()),
        map(n.groups(), g -> new SecurityGroup.GroupIdentifier(g.groupId(), g.groupName())),
        n.ownerId());
  }

  static FlowLog flowLog(software.amazon.awssdk.services.ec2.model.FlowLog f) {
    return new FlowLog(
        f.flowLogId(),
        f.resourceId(),
        f.trafficTypeAsString(),
        f.logDestinationTypeAsString(),
        f.logDestination(),
        f.logGroupName(),
        f.flowLogStatus(),
        f.deliverLogsStatus(),
        f.deliverLogsErrorMessage(),
        f.logFormat());
  }

  static PrefixList prefixList(software.amazon.awssdk.services.ec2.model.PrefixList p) {
    return new PrefixList(p.prefixListId(), p.prefixListName(), p.cidrs());
  }
}
