package dev.fargatedoctor.collect;

import dev.fargatedoctor.snapshot.ec2.Ec2Data;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Collects one region's network: each Describe call is independent, so all run at once, and the
 * network interfaces (the largest, thousands in a busy account) start first. Paginators with the
 * largest page size each API allows keep the number of calls at the minimum.
 */
final class Ec2Collector {
  private final CoverageLog log;
  private final Executor pool;

  Ec2Collector(CoverageLog log, Executor pool) {
    this.log = log;
    this.pool = pool;
  }

  CompletableFuture<Ec2Data> collect(String region, Ec2Client ec2) {
    var enis =
        list(
            region,
            "ec2:DescribeNetworkInterfaces",
            () ->
                ec2.describeNetworkInterfacesPaginator(b -> b.maxResults(1000)).networkInterfaces(),
            Ec2Mapper::networkInterface);
    var vpcs =
        list(
            region,
            "ec2:DescribeVpcs",
            () -> ec2.describeVpcsPaginator(b -> b.maxResults(1000)).vpcs(),
            Ec2Mapper::vpc);
    var subnets =
        list(
            region,
            "ec2:DescribeSubnets",
            () -> ec2.describeSubnetsPaginator(b -> b.maxResults(1000)).subnets(),
            Ec2Mapper::subnet);
    var routeTables =
        list(
            region,
            "ec2:DescribeRouteTables",
            () -> ec2.describeRouteTablesPaginator(b -> b.maxResults(100)).routeTables(),
            Ec2Mapper::routeTable);
    var nats =
        list(
            region,
            "ec2:DescribeNatGateways",
            () -> ec2.describeNatGatewaysPaginator(b -> b.maxResults(1000)).natGateways(),
            Ec2Mapper::natGateway);
    var igws =
        list(
            region,
            "ec2:DescribeInternetGateways",
            () -> ec2.describeInternetGatewaysPaginator(b -> b.maxResults(1000)).internetGateways(),
            Ec2Mapper::internetGateway);
    var endpoints =
        list(
            region,
            "ec2:DescribeVpcEndpoints",
            () -> ec2.describeVpcEndpointsPaginator(b -> b.maxResults(1000)).vpcEndpoints(),
            Ec2Mapper::vpcEndpoint);
    var acls =
        list(
            region,
            "ec2:DescribeNetworkAcls",
            () -> ec2.describeNetworkAclsPaginator(b -> b.maxResults(100)).networkAcls(),
            Ec2Mapper::networkAcl);
    var groups =
        list(
            region,
            "ec2:DescribeSecurityGroups",
            () -> ec2.describeSecurityGroupsPaginator(b -> b.maxResults(1000)).securityGroups(),
            Ec2Mapper::securityGroup);
    var flowLogs =
        list(
            region,
            "ec2:DescribeFlowLogs",
            () -> ec2.describeFlowLogsPaginator(b -> b.maxResults(1000)).flowLogs(),
            Ec2Mapper::flowLog);
    // AWS-managed prefix lists (S3, DynamoDB) with their CIDRs: what gateway-endpoint routes cover.
    var prefixLists =
        list(
            region,
            "ec2:DescribePrefixLists",
            () -> ec2.describePrefixListsPaginator(b -> b.maxResults(1000)).prefixLists(),
            Ec2Mapper::prefixList);
    return CompletableFuture.allOf(
            enis,
            vpcs,
            subnets,
            routeTables,
            nats,
            igws,
            endpoints,
            acls,
            groups,
            flowLogs,
            prefixLists)
        .thenApply(
            done ->
                new Ec2Data(
                    vpcs.join(),
                    subnets.join(),
                    routeTables.join(),
                    nats.join(),
                    igws.join(),
                    endpoints.join(),
                    acls.join(),
                    groups.join(),
                    enis.join(),
                    flowLogs.join(),
                    prefixLists.join()));
  }

  private <S, T> CompletableFuture<List<T>> list(
      String region,
      String action,
      java.util.function.Supplier<SdkIterable<S>> pages,
      Function<S, T> mapper) {
    return CompletableFuture.supplyAsync(
        () ->
            log.step(region, action, null, () -> pages.get().stream().map(mapper).toList())
                .orElse(List.of()),
        pool);
  }
}
