package dev.fargatedoctor.cli.demo;

import dev.fargatedoctor.snapshot.Capture;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.ServiceQuota;
import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.ec2.Ec2Data;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ec2.Tag;
import dev.fargatedoctor.snapshot.ec2.Vpc;
import dev.fargatedoctor.snapshot.ecs.EcsData;
import dev.fargatedoctor.snapshot.iam.IamData;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small organisation for {@code demo --org}: the demo's production account; a network account
 * that owns a VPC shared (through AWS RAM) with two workload accounts, whose task interfaces sit in
 * its subnets; the payments account, one of them, near its own ENI quota; and an analytics account
 * whose role could not be assumed, which the report must call UNKNOWN.
 */
public final class DemoOrganisation {
  public static final String NETWORK = "444455556666";
  public static final String PAYMENTS = "777788889999";
  public static final String ANALYTICS = "999900001111";
  private static final String REGION = DemoEnvironment.REGION;
  private static final String SHARED_VPC = "vpc-0shared";

  /** One account of the demo organisation: its snapshot, or what kept it from being scanned. */
  public record Member(String account, String name, Snapshot snapshot, List<Coverage> gaps) {}

  private DemoOrganisation() {}

  public static List<Member> build(Clock clock) {
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    List<Member> members = new ArrayList<>();
    Snapshot production = DemoEnvironment.build(clock);
    members.add(new Member(DemoEnvironment.ACCOUNT, "production", production, List.of()));
    // every step the collector makes went through in the smaller accounts
    List<Coverage> collected = production.coverage().stream().filter(Coverage::collected).toList();
    // The owner sees every interface in its shared subnets, whoever created them.
    List<NetworkInterface> shared = new ArrayList<>();
    shared.addAll(interfaces(PAYMENTS, "subnet-0shareda", "10.20.0.", 120));
    shared.addAll(interfaces(PAYMENTS, "subnet-0sharedb", "10.20.1.", 110));
    shared.addAll(interfaces(DemoEnvironment.ACCOUNT, "subnet-0sharedb", "10.20.1.", 40));
    members.add(
        new Member(
            NETWORK,
            "network",
            account(NETWORK, now, sharedSubnets(210, 100), shared, 5000.0, collected),
            List.of()));
    // The participant sees the shared subnets, and only its own interfaces: 850 of its quota of
    // 1,000 (a batch tier it scaled out in the shared VPC and in a VPC of its own).
    List<NetworkInterface> payments = new ArrayList<>();
    payments.addAll(interfaces(PAYMENTS, "subnet-0shareda", "10.20.0.", 120));
    payments.addAll(interfaces(PAYMENTS, "subnet-0sharedb", "10.20.1.", 110));
    payments.addAll(interfaces(PAYMENTS, "subnet-0batch", "10.30.", 620));
    List<Subnet> subnets = new ArrayList<>(sharedSubnets(210, 100));
    subnets.add(
        new Subnet(
            "subnet-0batch",
            "vpc-0batch",
            REGION + "a",
            null,
            "10.30.0.0/20",
            4096 - 5 - 620,
            false,
            List.of(new Tag("Name", "batch"))));
    members.add(
        new Member(
            PAYMENTS,
            "payments",
            account(PAYMENTS, now, subnets, payments, 1000.0, collected),
            List.of()));
    String role = "arn:aws:iam::" + ANALYTICS + ":role/OrganizationAccountAccessRole";
    members.add(
        new Member(
            ANALYTICS,
            "analytics",
            null,
            List.of(
                new Coverage(
                    Coverage.GLOBAL,
                    "sts:AssumeRole",
                    Coverage.Outcome.DENIED,
                    role,
                    "account "
                        + ANALYTICS
                        + " not scanned: the role "
                        + role
                        + " could not be assumed (AccessDenied: User: arn:aws:sts::"
                        + DemoEnvironment.ACCOUNT
                        + ":assumed-role/oncall/alex is not authorized to perform: sts:AssumeRole);"
                        + " the caller needs sts:AssumeRole on it and the role's trust policy must"
                        + " allow the caller",
                    1,
                    0))));
    return members;
  }

  private static List<Subnet> sharedSubnets(int freeA, int freeB) {
    return List.of(
        new Subnet(
            "subnet-0shareda",
            SHARED_VPC,
            REGION + "a",
            null,
            "10.20.0.0/24",
            freeA,
            false,
            List.of(new Tag("Name", "shared-a"))),
        new Subnet(
            "subnet-0sharedb",
            SHARED_VPC,
            REGION + "b",
            null,
            "10.20.1.0/24",
            freeB,
            false,
            List.of(new Tag("Name", "shared-b"))));
  }

  private static Snapshot account(
      String account,
      Instant now,
      List<Subnet> subnets,
      List<NetworkInterface> enis,
      double eniQuota,
      List<Coverage> coverage) {
    List<Vpc> vpcs = new ArrayList<>();
    vpcs.add(new Vpc(SHARED_VPC, "10.20.0.0/16", null, false, List.of(new Tag("Name", "shared"))));
    if (subnets.stream().anyMatch(s -> s.vpcId().equals("vpc-0batch"))) {
      vpcs.add(
          new Vpc("vpc-0batch", "10.30.0.0/16", null, false, List.of(new Tag("Name", "batch"))));
    }
    Ec2Data ec2 =
        new Ec2Data(
            vpcs, subnets, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), enis,
            List.of(), List.of());
    RegionSnapshot region =
        new RegionSnapshot(
            REGION,
            ec2,
            new EcsData(List.of(), List.of(), List.of(), List.of()),
            List.of(
                new ServiceQuota(
                    "vpc",
                    ServiceQuota.NETWORK_INTERFACES_CODE,
                    ServiceQuota.NETWORK_INTERFACES_NAME,
                    eniQuota,
                    ServiceQuota.SOURCE_APPLIED),
                new ServiceQuota(
                    "fargate",
                    ServiceQuota.FARGATE_ON_DEMAND_VCPU_CODE,
                    ServiceQuota.FARGATE_ON_DEMAND_VCPU_NAME,
                    1000.0,
                    ServiceQuota.SOURCE_APPLIED)),
            null,
            List.of(),
            List.of(),
            null);
    return new Snapshot(
        Snapshot.SCHEMA,
        new Capture(
            "fargate-doctor",
            "demo",
            now,
            "demo",
            account,
            "arn:aws:sts::"
                + account
                + ":assumed-role/OrganizationAccountAccessRole/fargate-doctor",
            List.of(REGION),
            null),
        List.of(region),
        IamData.EMPTY,
        coverage);
  }

  private static List<NetworkInterface> interfaces(
      String owner, String subnet, String prefix, int count) {
    List<NetworkInterface> out = new ArrayList<>();
    String az = subnet.endsWith("b") ? REGION + "b" : REGION + "a";
    String vpc = subnet.startsWith("subnet-0shared") ? SHARED_VPC : "vpc-0batch";
    for (int i = 0; i < count; i++) {
      String ip =
          prefix.chars().filter(c -> c == '.').count() == 3
              ? prefix + (10 + i % 240)
              : prefix + (i / 250) + "." + (10 + i % 240);
      out.add(
          new NetworkInterface(
              "eni-0" + owner.substring(8) + subnet.substring(8) + String.format("%04d", i),
              subnet,
              vpc,
              az,
              "arn:aws:ecs:" + REGION + ":" + owner + ":attachment/" + String.format("%08d", i),
              "interface",
              "578734482556",
              true,
              "in-use",
              ip,
              null,
              null,
              List.of(),
              owner));
    }
    return out;
  }
}
