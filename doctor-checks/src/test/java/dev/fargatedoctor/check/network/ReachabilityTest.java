package dev.fargatedoctor.check.network;

import static dev.fargatedoctor.check.network.Networks.allowAll;
import static dev.fargatedoctor.check.network.Networks.cidr;
import static dev.fargatedoctor.check.network.Networks.egress;
import static dev.fargatedoctor.check.network.Networks.entry;
import static dev.fargatedoctor.check.network.Networks.fromGroup;
import static dev.fargatedoctor.check.network.Networks.route;
import static dev.fargatedoctor.check.network.Networks.toPrefixList;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine, case by case: each row breaks the standard network of {@link Networks} in one way and
 * states the verdict and the explanation code of the hop that decides it (the first blocking hop,
 * else the risk or the hop that could not be evaluated; none for a clean path).
 */
class ReachabilityTest {
  private static final String PL_S3 = "pl-63a5400a";

  record Case(
      String name,
      UnaryOperator<Networks> setup,
      String subnet,
      boolean publicIp,
      String to,
      Verdict verdict,
      Explanation code) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case c(
      String name,
      UnaryOperator<Networks> setup,
      String subnet,
      String to,
      Verdict verdict,
      Explanation code) {
    return new Case(name, setup, subnet, false, to, verdict, code);
  }

  static Case cPublic(
      String name,
      UnaryOperator<Networks> setup,
      String subnet,
      String to,
      Verdict verdict,
      Explanation code) {
    return new Case(name, setup, subnet, true, to, verdict, code);
  }

  static Stream<Case> cases() {
    return Stream.of(
        // ----- routes -----
        c(
            "private subnet through the NAT gateway of its own AZ",
            n -> n,
            "subnet-a",
            "internet",
            Verdict.REACHABLE,
            null),
        c(
            "private subnet routed to the NAT gateway of another AZ is reachable but crosses AZs",
            n -> n.routes("rtb-a", cidr("0.0.0.0/0", "nat-b")),
            "subnet-a",
            "internet",
            Verdict.REACHABLE,
            Explanation.AZ_CROSSED),
        c(
            "no default route",
            n -> n.routes("rtb-a"),
            "subnet-a",
            "internet",
            Verdict.BLOCKED,
            Explanation.NO_ROUTE),
        c(
            "blackhole default route",
            n -> n.routes("rtb-a", route("0.0.0.0/0", null, "nat-gone", "blackhole")),
            "subnet-a",
            "internet",
            Verdict.BLOCKED,
            Explanation.BLACKHOLE_ROUTE),
        c(
            "route to a deleted NAT gateway that the API still shows active (moto)",
            n -> n.nat("nat-a", "subnet-pub-a", "deleted", "public"),
            "subnet-a",
            "internet",
            Verdict.BLOCKED,
            Explanation.NAT_NOT_AVAILABLE),
        c(
            "route to a failed NAT gateway",
            n -> n.nat("nat-a", "subnet-pub-a", "failed", "public"),
            "subnet-a",
            "internet",
            Verdict.BLOCKED,
            Explanation.NAT_NOT_AVAILABLE),
        c(
            "route to a NAT gateway absent from the snapshot",
            n -> n.routes("rtb-a", cidr("0.0.0.0/0", "nat-unknown")),
            "subnet-a",
            "internet",
            Verdict.BLOCKED,
            Explanation.NAT_NOT_AVAILABLE),
        c(
            "NAT gateway whose own subnet has no route to the internet gateway",
            n -> n.table("rtb-nat", "subnet-pub-a"),
            "subnet-a",
            "internet",
            Verdict.BLOCKED,
            Explanation.NAT_NO_IGW_ROUTE),
        c(
            "NAT gateway whose subnet routes the internet to a blackhole",
            n ->
                n.table(
                    "rtb-nat", "subnet-pub-a", route("0.0.0.0/0", null, "igw-old", "blackhole")),
            "subnet-a",
            "internet",
            Verdict.BLOCKED,
            Explanation.NAT_NO_IGW_ROUTE),
        c(
            "private NAT gateway cannot reach the internet",
            n -> n.nat("nat-a", "subnet-pub-a", "available", "private"),
            "subnet-a",
            "internet",
            Verdict.BLOCKED,
            Explanation.NAT_PRIVATE),
        c(
            "no explicit association: the main table (internet gateway) routes it, and without a public IP it fails",
            n -> n.unassociate("rtb-a"),
            "subnet-a",
            "internet",
            Verdict.BLOCKED,
            Explanation.NO_PUBLIC_IP),
        cPublic(
            "no explicit association and a public IP: the main table's internet gateway works",
            n -> n.unassociate("rtb-a"),
            "subnet-a",
            "internet",
            Verdict.REACHABLE,
            null),
        cPublic(
            "internet gateway detached from the VPC",
            Networks::detachInternetGateway,
            "subnet-pub-a",
            "internet",
            Verdict.BLOCKED,
            Explanation.IGW_NOT_ATTACHED),
        c(
            "an IPv6 default route does not carry IPv4 traffic",
            n -> n.routes("rtb-a", cidr("::/0", "eigw-1")),
            "subnet-a",
            "internet",
            Verdict.BLOCKED,
            Explanation.NO_ROUTE),
        c(
            "transit gateway default route leaves the VPC: not evaluated",
            n -> n.routes("rtb-a", cidr("0.0.0.0/0", "tgw-1")),
            "subnet-a",
            "internet",
            Verdict.UNDETERMINED,
            Explanation.LEAVES_VPC),
        c(
            "peering route for a peer VPC's address leaves the VPC",
            n -> n.routes("rtb-a", cidr("0.0.0.0/0", "nat-a"), cidr("172.31.0.0/16", "pcx-1")),
            "subnet-a",
            "172.31.5.5:5432",
            Verdict.UNDETERMINED,
            Explanation.LEAVES_VPC),
        c(
            "longest prefix: a blackholed /8 wins over the default route for its addresses",
            n ->
                n.routes(
                    "rtb-a",
                    cidr("0.0.0.0/0", "nat-a"),
                    route("52.0.0.0/8", null, "nat-old", "blackhole")),
            "subnet-a",
            "52.1.2.3:443",
            Verdict.BLOCKED,
            Explanation.BLACKHOLE_ROUTE),
        c(
            "longest prefix: addresses outside the /8 keep the default route",
            n ->
                n.routes(
                    "rtb-a",
                    cidr("0.0.0.0/0", "nat-a"),
                    route("52.0.0.0/8", null, "nat-old", "blackhole")),
            "subnet-a",
            "8.8.8.8:443",
            Verdict.REACHABLE,
            null),
        // ----- prefix lists and gateway endpoints -----
        c(
            "S3 through a gateway endpoint's prefix-list route with no other egress",
            n -> n.routes("rtb-a").s3GatewayEndpoint("vpce-s3", PL_S3, "rtb-a"),
            "subnet-a",
            "s3",
            Verdict.REACHABLE,
            null),
        c(
            "S3 with neither a gateway endpoint nor a default route",
            n -> n.routes("rtb-a"),
            "subnet-a",
            "s3",
            Verdict.BLOCKED,
            Explanation.NO_ROUTE),
        c(
            "a prefix-list route more specific than the default route takes an address in the list",
            n ->
                n.prefixList(PL_S3, "com.amazonaws.us-east-1.s3", "54.231.0.0/17")
                    .s3GatewayEndpoint("vpce-s3", PL_S3, "rtb-a")
                    .routes(
                        "rtb-a",
                        route(null, PL_S3, "vpce-gone", "blackhole"),
                        cidr("0.0.0.0/0", "nat-a")),
            "subnet-a",
            "54.231.1.1:443",
            Verdict.BLOCKED,
            Explanation.BLACKHOLE_ROUTE),
        c(
            "longest-prefix tie: a CIDR route beats a prefix-list route of the same length",
            n ->
                n.prefixList(PL_S3, "com.amazonaws.us-east-1.s3", "54.231.0.0/16")
                    .routes(
                        "rtb-a",
                        route(null, PL_S3, "vpce-gone", "blackhole"),
                        cidr("54.231.0.0/16", "nat-a")),
            "subnet-a",
            "54.231.1.1:443",
            Verdict.REACHABLE,
            null),
        c(
            "a prefix-list route whose CIDRs are unknown is named, not guessed",
            n -> n.s3GatewayEndpoint("vpce-s3", PL_S3, "rtb-a"),
            "subnet-a",
            "54.231.1.1:443",
            Verdict.REACHABLE,
            Explanation.PREFIX_LIST_NOT_EVALUATED),
        // ----- network ACLs -----
        c(
            "NACL denies inbound 1024-65535 before allowing everything: return traffic dropped",
            n ->
                n.acl(
                    "acl-private",
                    false,
                    List.of(
                        entry(90, "deny", false, "0.0.0.0/0", 1024, 65535),
                        allowAll(false),
                        allowAll(true)),
                    "subnet-a"),
            "subnet-a",
            "internet",
            Verdict.BLOCKED,
            Explanation.NACL_DENY_RETURN),
        c(
            "NACL rule order: an allow numbered lower than a deny wins",
            n ->
                n.acl(
                    "acl-private",
                    false,
                    List.of(
                        entry(110, "deny", false, "0.0.0.0/0", 1024, 65535),
                        allowAll(false),
                        allowAll(true)),
                    "subnet-a"),
            "subnet-a",
            "internet",
            Verdict.REACHABLE,
            null),
        c(
            "NACL deny before allow for the same ports: outbound 443 dropped",
            n ->
                n.acl(
                    "acl-private",
                    false,
                    List.of(
                        entry(50, "deny", true, "0.0.0.0/0", 443, 443),
                        allowAll(false),
                        allowAll(true)),
                    "subnet-a"),
            "subnet-a",
            "internet",
            Verdict.BLOCKED,
            Explanation.NACL_DENY_OUTBOUND),
        c(
            "a new NACL with no entries (moto leaves out the * rules): AWS's final deny still applies",
            n -> n.acl("acl-empty", false, List.of(), "subnet-a"),
            "subnet-a",
            "internet",
            Verdict.BLOCKED,
            Explanation.NACL_DENY_OUTBOUND),
        c(
            "ephemeral edge: inbound tcp 1024-65535 allowed is enough",
            n ->
                n.acl(
                    "acl-private",
                    false,
                    List.of(entry(100, "allow", false, "0.0.0.0/0", 1024, 65535), allowAll(true)),
                    "subnet-a"),
            "subnet-a",
            "internet",
            Verdict.REACHABLE,
            null),
        c(
            "ephemeral edge: inbound tcp 1025-65535 leaves port 1024 to the final deny",
            n ->
                n.acl(
                    "acl-private",
                    false,
                    List.of(entry(100, "allow", false, "0.0.0.0/0", 1025, 65535), allowAll(true)),
                    "subnet-a"),
            "subnet-a",
            "internet",
            Verdict.REACHABLE,
            Explanation.NACL_PARTIAL),
        c(
            "ephemeral edge: a deny of port 1023 does not touch return traffic",
            n ->
                n.acl(
                    "acl-private",
                    false,
                    List.of(
                        entry(90, "deny", false, "0.0.0.0/0", 1023, 1023),
                        allowAll(false),
                        allowAll(true)),
                    "subnet-a"),
            "subnet-a",
            "internet",
            Verdict.REACHABLE,
            null),
        c(
            "ephemeral edge: a deny of port 65535 drops part of the return traffic",
            n ->
                n.acl(
                    "acl-private",
                    false,
                    List.of(
                        entry(90, "deny", false, "0.0.0.0/0", 65535, 65535),
                        allowAll(false),
                        allowAll(true)),
                    "subnet-a"),
            "subnet-a",
            "internet",
            Verdict.REACHABLE,
            Explanation.NACL_PARTIAL),
        c(
            "a deny of a private range does not touch internet traffic",
            n ->
                n.acl(
                    "acl-private",
                    false,
                    List.of(
                        entry(90, "deny", false, "192.168.0.0/16", null, null),
                        allowAll(false),
                        allowAll(true)),
                    "subnet-a"),
            "subnet-a",
            "internet",
            Verdict.REACHABLE,
            null),
        c(
            "the NAT gateway's subnet NACL refuses the private subnet's traffic",
            n ->
                n.acl(
                    "acl-public",
                    false,
                    List.of(
                        entry(90, "deny", false, "10.0.1.0/24", null, null),
                        allowAll(false),
                        allowAll(true)),
                    "subnet-pub-a"),
            "subnet-a",
            "internet",
            Verdict.BLOCKED,
            Explanation.NACL_DENY_INBOUND),
        c(
            "the NAT gateway's subnet NACL drops the internet's replies to the NAT gateway",
            n ->
                n.acl(
                    "acl-public",
                    false,
                    List.of(entry(100, "allow", false, "10.0.0.0/16", null, null), allowAll(true)),
                    "subnet-pub-a"),
            "subnet-a",
            "internet",
            Verdict.BLOCKED,
            Explanation.NACL_DENY_RETURN),
        // ----- security groups -----
        c(
            "a security group without egress rules",
            n -> n.group("sg-task", List.of(), List.of()),
            "subnet-a",
            "internet",
            Verdict.BLOCKED,
            Explanation.SG_NO_EGRESS),
        c(
            "a security group that may only reach the VPC",
            n -> n.group("sg-task", List.of(), List.of(egress("-1", null, null, "10.0.0.0/16"))),
            "subnet-a",
            "internet",
            Verdict.BLOCKED,
            Explanation.SG_NO_EGRESS),
        c(
            "a security group that reaches only part of the internet",
            n -> n.group("sg-task", List.of(), List.of(egress("tcp", 443, 443, "52.0.0.0/8"))),
            "subnet-a",
            "logs",
            Verdict.REACHABLE,
            Explanation.SG_PARTIAL_EGRESS),
        c(
            "a security group that allows S3's prefix list reaches S3 through the gateway endpoint",
            n ->
                n.routes("rtb-a")
                    .s3GatewayEndpoint("vpce-s3", PL_S3, "rtb-a")
                    .group("sg-task", List.of(), List.of(toPrefixList(443, PL_S3))),
            "subnet-a",
            "s3",
            Verdict.REACHABLE,
            null),
        // ----- interface endpoints -----
        c(
            "ECR API through an interface endpoint with private DNS, without any egress route",
            n ->
                n.routes("rtb-a")
                    .group("sg-endpoint", List.of(fromGroup(443, "sg-task")), List.of())
                    .interfaceEndpoint(
                        "vpce-ecr-api", "ecr.api", true, List.of("sg-endpoint"), "subnet-a"),
            "subnet-a",
            "ecr-api",
            Verdict.REACHABLE,
            null),
        c(
            "an interface endpoint with private DNS off is not used: the public path has no route",
            n ->
                n.routes("rtb-a")
                    .group("sg-endpoint", List.of(fromGroup(443, "sg-task")), List.of())
                    .interfaceEndpoint(
                        "vpce-logs", "logs", false, List.of("sg-endpoint"), "subnet-a"),
            "subnet-a",
            "logs",
            Verdict.BLOCKED,
            Explanation.NO_ROUTE),
        c(
            "an interface endpoint whose security group does not let the task in on 443",
            n ->
                n.group(
                        "sg-endpoint",
                        List.of(egress("tcp", 443, 443, "192.168.0.0/16")),
                        List.of())
                    .interfaceEndpoint(
                        "vpce-ecr-dkr",
                        "ecr.dkr",
                        true,
                        List.of("sg-endpoint"),
                        "subnet-a",
                        "subnet-b"),
            "subnet-a",
            "ecr-dkr",
            Verdict.BLOCKED,
            Explanation.ENDPOINT_SG_NO_INGRESS),
        c(
            "an interface endpoint in two subnets, one behind a NACL that drops the replies",
            n ->
                n.group("sg-endpoint", List.of(egress("tcp", 443, 443, "10.0.0.0/16")), List.of())
                    .interfaceEndpoint(
                        "vpce-logs", "logs", true, List.of("sg-endpoint"), "subnet-a", "subnet-b")
                    .acl(
                        "acl-b",
                        false,
                        List.of(
                            entry(90, "deny", true, "10.0.1.0/24", 1024, 65535),
                            allowAll(false),
                            allowAll(true)),
                        "subnet-b"),
            "subnet-a",
            "logs",
            Verdict.REACHABLE,
            Explanation.ENDPOINT_PARTLY_BLOCKED),
        // ----- inside the VPC -----
        c(
            "an address in another subnet whose interface lets the task in",
            n ->
                n.group("sg-db", List.of(fromGroup(5432, "sg-task")), List.of())
                    .networkInterface("eni-db", "subnet-b", "10.0.2.10", "sg-db"),
            "subnet-a",
            "10.0.2.10:5432",
            Verdict.REACHABLE,
            null),
        c(
            "an address whose interface's security group keeps the task out",
            n ->
                n.group("sg-db", List.of(fromGroup(5432, "sg-other")), List.of())
                    .networkInterface("eni-db", "subnet-b", "10.0.2.10", "sg-db"),
            "subnet-a",
            "10.0.2.10:5432",
            Verdict.BLOCKED,
            Explanation.DESTINATION_SG_NO_INGRESS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verdictAndDecidingHop(Case c) {
    PathResult result =
        c.setup()
            .apply(new Networks())
            .path(c.subnet(), c.publicIp(), Destination.parse(c.to()).orElseThrow());

    assertThat(result.verdict()).as(describe(result)).isEqualTo(c.verdict());
    Explanation decisive =
        switch (result.verdict()) {
          case BLOCKED -> result.firstBlocking().orElseThrow().code();
          case UNDETERMINED -> result.firstNotEvaluated().orElseThrow().code();
          case REACHABLE -> result.risks().stream().map(Hop::code).findFirst().orElse(null);
        };
    assertThat(decisive).as(describe(result)).isEqualTo(c.code());
  }

  @Test
  void thereAreAtLeastThirtyCases() {
    assertThat(cases().count()).isGreaterThanOrEqualTo(30);
  }

  @Test
  void everyFaultOfAPathIsShownNotOnlyTheFirst() {
    PathResult result =
        new Networks()
            .group("sg-task", List.of(), List.of())
            .acl(
                "acl-private",
                false,
                List.of(
                    entry(90, "deny", false, "0.0.0.0/0", 1024, 65535),
                    allowAll(false),
                    allowAll(true)),
                "subnet-a")
            .path("subnet-a", Destination.internet());

    assertThat(result.hops())
        .filteredOn(h -> h.status() == Hop.Status.BLOCKED)
        .extracting(Hop::code)
        .containsExactly(Explanation.SG_NO_EGRESS, Explanation.NACL_DENY_RETURN);
    assertThat(result.firstBlocking().orElseThrow().code()).isEqualTo(Explanation.SG_NO_EGRESS);
  }

  @Test
  void theHopsOfAHealthyNatPathComeInTheOrderTrafficTakes() {
    PathResult result = new Networks().path("subnet-a", Destination.service(AwsService.ECR_API));

    assertThat(result.hops())
        .extracting(h -> h.component() + " " + h.id())
        .containsExactly(
            "subnet subnet-a",
            "security group sg-task",
            "route table rtb-a",
            "network ACL acl-default",
            "NAT gateway nat-a",
            "network ACL acl-default",
            "route table rtb-public (NAT gateway's subnet subnet-pub-a)",
            "network ACL acl-default",
            "network ACL acl-default",
            "internet gateway igw-1",
            "network ACL acl-default",
            "network ACL acl-default");
    assertThat(result.hops().get(2).detail()).isEqualTo("0.0.0.0/0 -> nat-a (active)");
  }

  @Test
  void aNaclHopNamesTheRuleAndCarriesWhatAFixNeeds() {
    PathResult result =
        new Networks()
            .acl(
                "acl-private",
                false,
                List.of(
                    entry(90, "deny", false, "0.0.0.0/0", 1024, 65535),
                    allowAll(false),
                    allowAll(true)),
                "subnet-a")
            .path("subnet-a", Destination.internet());

    Hop hop = result.firstBlocking().orElseThrow();
    assertThat(hop.id()).isEqualTo("acl-private");
    assertThat(hop.detail())
        .contains("inbound tcp/1024-65535 from 0.0.0.0/0 (the internet)")
        .contains("rule 90 denies tcp 1024-65535 from 0.0.0.0/0");
    assertThat(hop.facts())
        .containsEntry("direction", "inbound")
        .containsEntry("ports", "1024-65535")
        .containsEntry("rules", "90")
        .containsEntry("peer", "0.0.0.0/0")
        .containsEntry("subnet", "subnet-a");
  }

  @Test
  void theSameSubnetsEndpointNeedsNoNetworkAcl() {
    PathResult result =
        new Networks()
            .routes("rtb-a")
            .acl("acl-empty", false, List.of(), "subnet-a")
            .group("sg-endpoint", List.of(fromGroup(443, "sg-task")), List.of())
            .interfaceEndpoint("vpce-ecr-api", "ecr.api", true, List.of("sg-endpoint"), "subnet-a")
            .path("subnet-a", Destination.service(AwsService.ECR_API));

    assertThat(result.verdict()).isEqualTo(Verdict.REACHABLE);
    assertThat(result.hops()).noneMatch(h -> h.component().equals("network ACL"));
  }

  @Test
  void aSubnetMissingFromTheSnapshotIsUndeterminedNotBlocked() {
    PathResult result = new Networks().path("subnet-gone", Destination.internet());

    assertThat(result.verdict()).isEqualTo(Verdict.UNDETERMINED);
    assertThat(result.firstNotEvaluated().orElseThrow().code())
        .isEqualTo(Explanation.NOT_IN_SNAPSHOT);
  }

  private static String describe(PathResult r) {
    StringBuilder sb = new StringBuilder("\n");
    r.hops()
        .forEach(
            h -> sb.append("  ").append(h.status()).append(' ').append(h.describe()).append('\n'));
    return sb.toString();
  }
}
