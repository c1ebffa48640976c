package dev.fargatedoctor.snapshot.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class Ec2ModelTest {

  @Test
  void aRouteTableFindsItsDefaultRouteAndItsSubnets() {
    RouteTable table =
        new RouteTable(
            "rtb-1",
            "vpc-1",
            List.of(
                Route.local("10.0.0.0/16"),
                Route.of("0.0.0.0/0", "nat-a", "blackhole", "CreateRoute")),
            List.of(
                new RouteTable.Association("a-1", "rtb-1", "subnet-a", null, false),
                new RouteTable.Association("a-main", "rtb-1", null, null, true)),
            null);

    assertThat(table.defaultRoute())
        .hasValueSatisfying(
            r -> {
              assertThat(r.target()).isEqualTo("nat-a");
              assertThat(r.isBlackhole()).isTrue();
            });
    assertThat(table.associationFor("subnet-a")).isPresent();
    assertThat(table.associationFor("subnet-b")).isEmpty();
    assertThat(table.isMain()).isTrue();
  }

  @Test
  void aTableWithoutDefaultRouteOrMainAssociationSaysSo() {
    RouteTable table =
        new RouteTable("rtb-1", "vpc-1", List.of(Route.local("10.0.0.0/16")), null, null);

    assertThat(table.defaultRoute()).isEmpty();
    assertThat(table.isMain()).isFalse();
    assertThat(table.tags()).isEmpty();
  }

  @Test
  void aRouteNamesItsTargetAndDestinationWhateverTheirKind() {
    Route toPrefixList = Route.of("pl-63a5400a", "vpce-1", "CreateRoute");
    Route toTransitGateway = Route.of("::/0", "tgw-1", "CreateRoute");
    Route toNothing =
        new Route(
            null, null, null, "", null, null, null, null, null, null, null, null, null, null, null);

    assertThat(toPrefixList.destination()).isEqualTo("pl-63a5400a");
    assertThat(toPrefixList.target()).isEqualTo("vpce-1");
    assertThat(toTransitGateway.destination()).isEqualTo("::/0");
    assertThat(toTransitGateway.target()).isEqualTo("tgw-1");
    assertThat(toNothing.destination()).isEqualTo("-");
    assertThat(toNothing.target()).isEqualTo("-");
  }

  @Test
  void aRouteBuiltFromATargetIdPutsItInTheFieldEc2ReportsItIn() {
    assertThat(Route.of("0.0.0.0/0", "nat-1", "CreateRoute").natGatewayId()).isEqualTo("nat-1");
    assertThat(Route.of("0.0.0.0/0", "igw-1", "CreateRoute").gatewayId()).isEqualTo("igw-1");
    assertThat(Route.of("pl-1", "vpce-1", "CreateRoute").destinationPrefixListId())
        .isEqualTo("pl-1");
    assertThat(Route.of("10.9.0.0/16", "pcx-1", "CreateRoute").vpcPeeringConnectionId())
        .isEqualTo("pcx-1");
    assertThat(Route.of("10.9.0.0/16", "eni-1", "CreateRoute").networkInterfaceId())
        .isEqualTo("eni-1");
    assertThat(Route.of("10.9.0.0/16", "i-1", "CreateRoute").instanceId()).isEqualTo("i-1");
    assertThat(Route.of("::/0", "eigw-1", "CreateRoute").egressOnlyInternetGatewayId())
        .isEqualTo("eigw-1");
    Route local = Route.local("10.0.0.0/16");
    assertThat(local.gatewayId()).isEqualTo("local");
    assertThat(local.state()).isEqualTo("active");
    assertThat(local.origin()).isEqualTo("CreateRouteTable");
    assertThat(local.natGatewayId()).isNull();
    assertThatThrownBy(() -> Route.of("0.0.0.0/0", "nat1", "CreateRoute"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nat1");
  }

  @Test
  void aVpcListsEachOfItsCidrsOnce() {
    Vpc vpc =
        new Vpc(
            "vpc-1",
            "10.0.0.0/16",
            List.of(
                new Vpc.CidrBlockAssociation("10.0.0.0/16"),
                new Vpc.CidrBlockAssociation("100.64.0.0/16"),
                new Vpc.CidrBlockAssociation(null)),
            false,
            null);

    assertThat(vpc.cidrBlocks()).containsExactly("10.0.0.0/16", "100.64.0.0/16");
  }

  @Test
  void aNatGatewayIsPublicUnlessItSaysPrivate() {
    assertThat(
            new NatGateway("nat-1", null, null, "available", null, null, null, null, null)
                .isPublic())
        .isTrue();
    assertThat(
            new NatGateway("nat-1", null, null, "pending", "private", null, null, null, null)
                .isPublic())
        .isFalse();
    assertThat(
            new NatGateway("nat-1", null, null, "pending", "public", null, null, null, null)
                .isAvailable())
        .isFalse();
  }

  @Test
  void anInterfaceIsRequesterManagedOnlyWhenAwsSaysSo() {
    NetworkInterface unknown =
        new NetworkInterface(
            "eni-1", null, null, null, null, null, null, null, null, null, null, null, null, null);
    NetworkInterface managed =
        new NetworkInterface(
            "eni-2",
            null,
            null,
            null,
            null,
            null,
            "578734482556",
            true,
            null,
            null,
            null,
            null,
            null,
            null);

    assertThat(unknown.isRequesterManaged()).isFalse();
    assertThat(unknown.groups()).isEmpty();
    assertThat(managed.isRequesterManaged()).isTrue();
  }

  @Test
  void aSharedSubnetKeepsItsOwnerFromDescribeSubnetsJson() throws Exception {
    var mapper = dev.fargatedoctor.snapshot.SnapshotJson.mapper();
    Subnet subnet =
        mapper.readValue(
            "{\"SubnetId\":\"subnet-1\",\"VpcId\":\"vpc-1\",\"AvailableIpAddressCount\":200,"
                + "\"OwnerId\":\"111111111111\"}",
            Subnet.class);
    Vpc vpc = mapper.readValue("{\"VpcId\":\"vpc-1\",\"OwnerId\":\"111111111111\"}", Vpc.class);

    assertThat(subnet.ownerId()).isEqualTo("111111111111");
    assertThat(subnet.ownedByAnother("222222222222")).isTrue();
    assertThat(subnet.ownedByAnother("111111111111")).isFalse();
    assertThat(mapper.readValue(mapper.writeValueAsString(subnet), Subnet.class)).isEqualTo(subnet);
    assertThat(vpc.ownerId()).isEqualTo("111111111111");
  }

  @Test
  void aSubnetWithoutOwnerIsNotCalledShared() {
    Subnet subnet = new Subnet("subnet-1", "vpc-1", "a", null, "10.0.0.0/24", 10, false, null);

    assertThat(subnet.ownerId()).isNull();
    assertThat(subnet.ownedByAnother("222222222222")).isFalse();
  }
}
