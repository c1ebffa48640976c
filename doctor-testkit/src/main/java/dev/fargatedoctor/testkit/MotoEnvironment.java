package dev.fargatedoctor.testkit;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.FlowLogsResourceType;
import software.amazon.awssdk.services.ec2.model.LogDestinationType;
import software.amazon.awssdk.services.ec2.model.RuleAction;
import software.amazon.awssdk.services.ec2.model.TrafficType;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds AWS environments in moto through the real SDK, the way an operator's tooling would: VPCs,
 * subnets, NAT gateways, route tables, roles, clusters, services. Test credentials are fake and the
 * endpoint is always the local emulator.
 */
public final class MotoEnvironment implements AutoCloseable {
  public static final String ACCOUNT = "123456789012";

  /** Obviously fake credentials: moto accepts anything. */
  public static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  private final String region;
  private final URI endpoint;
  private final SdkHttpClient http = ApacheHttpClient.builder().maxConnections(16).build();
  public final Ec2Client ec2;
  public final EcsClient ecs;
  public final IamClient iam;
  public final CloudWatchLogsClient logs;
  public final ElasticLoadBalancingV2Client elb;
  public final CloudWatchClient cloudWatch;
  public final S3Client s3;

  public MotoEnvironment(URI endpoint, String region) {
    this(endpoint, region, CREDENTIALS);
  }

  /**
   * An environment in whichever account the credentials belong to: moto files what an assumed
   * role's credentials create under the role's account.
   */
  public MotoEnvironment(
      URI endpoint,
      String region,
      software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials) {
    this.region = region;
    this.endpoint = endpoint;
    this.ec2 =
        Ec2Client.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClient(http)
            .build();
    this.ecs =
        EcsClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClient(http)
            .build();
    this.iam =
        IamClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClient(http)
            .build();
    this.logs =
        CloudWatchLogsClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClient(http)
            .build();
    this.elb =
        ElasticLoadBalancingV2Client.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClient(http)
            .build();
    this.cloudWatch =
        CloudWatchClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClient(http)
            .build();
    this.s3 =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClient(http)
            .forcePathStyle(true)
            .build();
  }

  public String region() {
    return region;
  }

  /** The emulator's address, for the command under test's --endpoint-url. */
  public URI endpoint() {
    return endpoint;
  }

  public String vpc(String cidr) {
    String id = ec2.createVpc(b -> b.cidrBlock(cidr)).vpc().vpcId();
    ec2.modifyVpcAttribute(
        b -> b.vpcId(id).enableDnsHostnames(AttributeBooleanValue.builder().value(true).build()));
    return id;
  }

  public String subnet(String vpc, String cidr, String az) {
    return ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock(cidr).availabilityZone(az))
        .subnet()
        .subnetId();
  }

  public String internetGateway(String vpc) {
    String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
    ec2.attachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc));
    return igw;
  }

  public String natGateway(String publicSubnet) {
    String eip = ec2.allocateAddress(b -> b.domain(DomainType.VPC)).allocationId();
    return ec2.createNatGateway(b -> b.subnetId(publicSubnet).allocationId(eip))
        .natGateway()
        .natGatewayId();
  }

  /** A route table associated with the given subnets. */
  public String routeTable(String vpc, String... subnets) {
    String rtb = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
    for (String s : subnets) ec2.associateRouteTable(b -> b.routeTableId(rtb).subnetId(s));
    return rtb;
  }

  public void defaultRouteToNat(String routeTable, String nat) {
    ec2.createRoute(
        b -> b.routeTableId(routeTable).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat));
  }

  public void defaultRouteToIgw(String routeTable, String igw) {
    ec2.createRoute(
        b -> b.routeTableId(routeTable).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
  }

  /** The write-up's rogue change: repoint a table's default route at another NAT gateway. */
  public void replaceDefaultRoute(String routeTable, String nat) {
    ec2.replaceRoute(
        b -> b.routeTableId(routeTable).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat));
  }

  /**
   * A network ACL of its own for the given subnets (moved off their current ACL). Like a new ACL in
   * moto it starts without entries; AWS's final deny applies all the same.
   */
  public String networkAcl(String vpc, String... subnets) {
    String acl = ec2.createNetworkAcl(b -> b.vpcId(vpc)).networkAcl().networkAclId();
    for (String s : subnets) {
      String association =
          ec2
              .describeNetworkAcls(
                  b -> b.filters(Filter.builder().name("association.subnet-id").values(s).build()))
              .networkAcls()
              .stream()
              .flatMap(a -> a.associations().stream())
              .filter(a -> s.equals(a.subnetId()))
              .findFirst()
              .orElseThrow()
              .networkAclAssociationId();
      ec2.replaceNetworkAclAssociation(b -> b.associationId(association).networkAclId(acl));
    }
    return acl;
  }

  /** One ACL entry; protocol "-1" (all) when {@code from} is null, else TCP from-to. */
  public void networkAclEntry(
      String acl, int rule, boolean egress, String cidr, Integer from, Integer to, boolean allow) {
    ec2.createNetworkAclEntry(
        b -> {
          b.networkAclId(acl)
              .ruleNumber(rule)
              .egress(egress)
              .cidrBlock(cidr)
              .ruleAction(allow ? RuleAction.ALLOW : RuleAction.DENY);
          if (from == null) b.protocol("-1");
          else b.protocol("6").portRange(p -> p.from(from).to(to));
        });
  }

  public void deleteNatGateway(String nat) {
    ec2.deleteNatGateway(b -> b.natGatewayId(nat));
  }

  /**
   * A VPC flow log of all traffic to a CloudWatch Logs group, which is created first unless told
   * not to.
   */
  public String flowLog(String vpc, String logGroup, boolean createGroup) {
    if (createGroup) logs.createLogGroup(b -> b.logGroupName(logGroup));
    return ec2.createFlowLogs(
            b ->
                b.resourceType(FlowLogsResourceType.VPC)
                    .resourceIds(vpc)
                    .trafficType(TrafficType.ALL)
                    .logDestinationType(LogDestinationType.CLOUD_WATCH_LOGS)
                    .logGroupName(logGroup)
                    .deliverLogsPermissionArn("arn:aws:iam::" + ACCOUNT + ":role/flow-logs"))
        .flowLogIds()
        .get(0);
  }

  /**
   * A VPC flow log in a custom format to a CloudWatch Logs group (created here). moto stores it but
   * never writes records: {@link #putFlowRecords} does.
   */
  public String flowLogInFormat(String vpc, String logGroup, String format) {
    logs.createLogGroup(b -> b.logGroupName(logGroup));
    logs.createLogStream(b -> b.logGroupName(logGroup).logStreamName("eni-all"));
    return ec2.createFlowLogs(
            b ->
                b.resourceType(FlowLogsResourceType.VPC)
                    .resourceIds(vpc)
                    .trafficType(TrafficType.ALL)
                    .logDestinationType(LogDestinationType.CLOUD_WATCH_LOGS)
                    .logGroupName(logGroup)
                    .logFormat(format)
                    .deliverLogsPermissionArn("arn:aws:iam::" + ACCOUNT + ":role/flow-logs"))
        .flowLogIds()
        .get(0);
  }

  /** Flow-log records as CloudWatch Logs events, one record each, stamped with their start. */
  public void putFlowRecords(String logGroup, List<String> records, long startField) {
    List<software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent> events =
        new ArrayList<>();
    for (String r : records) {
      long start = Long.parseLong(r.split(" ")[(int) startField]);
      events.add(
          software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent.builder()
              .timestamp(start * 1000)
              .message(r)
              .build());
    }
    logs.putLogEvents(b -> b.logGroupName(logGroup).logStreamName("eni-all").logEvents(events));
  }

  /**
   * A VPC flow log delivering to an S3 bucket (created here; moto refuses a folder in the
   * destination), and one gzip log file under the standard prefix with the given text (header line
   * included), named for its time.
   */
  public String flowLogToS3(String vpc, String bucket, String key, byte[] gzipText) {
    s3.createBucket(b -> b.bucket(bucket));
    s3.putObject(
        b -> b.bucket(bucket).key(key),
        software.amazon.awssdk.core.sync.RequestBody.fromBytes(gzipText));
    return ec2.createFlowLogs(
            b ->
                b.resourceType(FlowLogsResourceType.VPC)
                    .resourceIds(vpc)
                    .trafficType(TrafficType.ALL)
                    .logDestinationType(LogDestinationType.S3)
                    .logDestination("arn:aws:s3:::" + bucket))
        .flowLogIds()
        .get(0);
  }

  public String securityGroup(String vpc, String name) {
    return ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName(name).description(name)).groupId();
  }

  /**
   * Creates network interfaces with the given description, in parallel (thousands for quota tests).
   */
  public List<String> networkInterfaces(
      String subnet, int count, java.util.function.IntFunction<String> description)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> ids = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        ids.add(
            pool.submit(
                () ->
                    ec2.createNetworkInterface(
                            b -> b.subnetId(subnet).description(description.apply(n)))
                        .networkInterface()
                        .networkInterfaceId()));
      }
      List<String> out = new ArrayList<>();
      for (Future<String> f : ids) out.add(f.get());
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** An ECS task's ENI description, as ECS writes it for Fargate tasks. */
  public String ecsAttachmentDescription() {
    return "arn:aws:ecs:" + region + ":" + ACCOUNT + ":attachment/" + UUID.randomUUID();
  }

  public String role(String name, String trustPolicyJson) {
    return iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trustPolicyJson))
        .role()
        .arn();
  }

  public static String trustingService(String principalJson) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
        + principalJson
        + "},\"Action\":\"sts:AssumeRole\"}]}";
  }

  public String cluster(String name) {
    return ecs.createCluster(b -> b.clusterName(name)).cluster().clusterArn();
  }

  public String taskDefinition(String family, String executionRole, String taskRole) {
    return ecs.registerTaskDefinition(
            b ->
                b.family(family)
                    .networkMode(NetworkMode.AWSVPC)
                    .requiresCompatibilities(Compatibility.FARGATE)
                    .cpu("256")
                    .memory("512")
                    .executionRoleArn(executionRole)
                    .taskRoleArn(taskRole)
                    .containerDefinitions(
                        ContainerDefinition.builder()
                            .name(family)
                            .image(
                                ACCOUNT + ".dkr.ecr." + region + ".amazonaws.com/" + family + ":1")
                            .memory(512)
                            .essential(true)
                            .environment(
                                KeyValuePair.builder()
                                    .name("DB_PASSWORD")
                                    .value("hunter2-not-a-real-secret")
                                    .build())
                            .build()))
        .taskDefinition()
        .taskDefinitionArn();
  }

  /** A cluster with Container Insights on, so the scan reads ECS/ContainerInsights memory. */
  public String clusterWithContainerInsights(String name) {
    return ecs.createCluster(
            b -> b.clusterName(name).settings(st -> st.name("containerInsights").value("enabled")))
        .cluster()
        .clusterArn();
  }

  /**
   * A cluster whose ECS Exec sessions are encrypted with a KMS key and logged to a CloudWatch log
   * group.
   */
  public String clusterWithExecLogging(String name, String kmsKeyId, String logGroup) {
    return ecs.createCluster(
            b ->
                b.clusterName(name)
                    .configuration(
                        c ->
                            c.executeCommandConfiguration(
                                e ->
                                    e.kmsKeyId(kmsKeyId)
                                        .logging("OVERRIDE")
                                        .logConfiguration(
                                            l -> l.cloudWatchLogGroupName(logGroup)))))
        .cluster()
        .clusterArn();
  }

  /**
   * A task definition whose container logs with awslogs (asking ECS to create the group) and reads
   * the given Secrets Manager or SSM secrets through the execution role.
   */
  public String taskDefinitionWithSecrets(
      String family, String executionRole, List<String> secretArns) {
    List<Secret> secrets = new ArrayList<>();
    for (int i = 0; i < secretArns.size(); i++) {
      int n = i;
      secrets.add(Secret.builder().name("SECRET_" + n).valueFrom(secretArns.get(n)).build());
    }
    return ecs.registerTaskDefinition(
            b ->
                b.family(family)
                    .networkMode(NetworkMode.AWSVPC)
                    .requiresCompatibilities(Compatibility.FARGATE)
                    .cpu("256")
                    .memory("512")
                    .executionRoleArn(executionRole)
                    .containerDefinitions(
                        ContainerDefinition.builder()
                            .name(family)
                            .image(
                                ACCOUNT + ".dkr.ecr." + region + ".amazonaws.com/" + family + ":1")
                            .memory(512)
                            .essential(true)
                            .secrets(secrets)
                            .logConfiguration(
                                LogConfiguration.builder()
                                    .logDriver(LogDriver.AWSLOGS)
                                    .options(
                                        java.util.Map.of(
                                            "awslogs-group",
                                            "/ecs/" + family,
                                            "awslogs-region",
                                            region,
                                            "awslogs-stream-prefix",
                                            family,
                                            "awslogs-create-group",
                                            "true"))
                                    .build())
                            .build()))
        .taskDefinition()
        .taskDefinitionArn();
  }

  /** An internet-facing Application Load Balancer in the given subnets. */
  public String applicationLoadBalancer(String name, List<String> subnets, String securityGroup) {
    return elb.createLoadBalancer(
            b ->
                b.name(name)
                    .subnets(subnets)
                    .securityGroups(securityGroup)
                    .type(
                        software.amazon.awssdk.services.elasticloadbalancingv2.model
                            .LoadBalancerTypeEnum.APPLICATION))
        .loadBalancers()
        .get(0)
        .loadBalancerArn();
  }

  /** An ip target group (what awsvpc tasks need) behind the load balancer's HTTP listener. */
  public String targetGroup(String name, String vpc, String loadBalancerArn) {
    String tg =
        elb.createTargetGroup(
                b ->
                    b.name(name)
                        .protocol(ProtocolEnum.HTTP)
                        .port(8080)
                        .vpcId(vpc)
                        .targetType(TargetTypeEnum.IP)
                        .healthCheckPath("/health"))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    elb.createListener(
        b ->
            b.loadBalancerArn(loadBalancerArn)
                .protocol(ProtocolEnum.HTTP)
                .port(80)
                .defaultActions(a -> a.type("forward").targetGroupArn(tg)));
    return tg;
  }

  public void registerTargets(String targetGroupArn, String... ips) {
    elb.registerTargets(
        b ->
            b.targetGroupArn(targetGroupArn)
                .targets(
                    java.util.Arrays.stream(ips)
                        .map(
                            ip ->
                                software.amazon.awssdk.services.elasticloadbalancingv2.model
                                    .TargetDescription.builder()
                                    .id(ip)
                                    .port(8080)
                                    .build())
                        .toList()));
  }

  /** A Fargate service whose tasks register in a target group. */
  public String serviceBehind(
      String cluster,
      String name,
      String taskDefinition,
      List<String> subnets,
      List<String> securityGroups,
      int desired,
      String targetGroupArn) {
    return ecs.createService(
            b ->
                b.cluster(cluster)
                    .serviceName(name)
                    .taskDefinition(taskDefinition)
                    .desiredCount(desired)
                    .launchType(LaunchType.FARGATE)
                    .loadBalancers(
                        l ->
                            l.targetGroupArn(targetGroupArn)
                                .containerName(name)
                                .containerPort(8080))
                    .networkConfiguration(
                        n ->
                            n.awsvpcConfiguration(
                                a ->
                                    a.subnets(subnets)
                                        .securityGroups(securityGroups)
                                        .assignPublicIp(AssignPublicIp.DISABLED))))
        .service()
        .serviceArn();
  }

  /**
   * Publishes one metric series, one point per minute ending now (oldest first), in calls of 500
   * points: what Container Insights or a load balancer would have published.
   */
  public void putSeries(
      String namespace,
      String metric,
      java.util.Map<String, String> dimensions,
      StandardUnit unit,
      double[] values) {
    java.time.Instant now =
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    // In name order, as the scan asks: moto matches dimensions in the order they were stored.
    List<Dimension> dims =
        new java.util.TreeMap<>(dimensions)
            .entrySet().stream()
                .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build())
                .toList();
    List<MetricDatum> data = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      data.add(
          MetricDatum.builder()
              .metricName(metric)
              .dimensions(dims)
              .unit(unit)
              .value(values[i])
              .timestamp(now.minusSeconds(60L * (values.length - 1 - i)))
              .build());
    }
    for (int i = 0; i < data.size(); i += 500) {
      List<MetricDatum> chunk = data.subList(i, Math.min(data.size(), i + 500));
      cloudWatch.putMetricData(b -> b.namespace(namespace).metricData(chunk));
    }
  }

  public String service(
      String cluster,
      String name,
      String taskDefinition,
      List<String> subnets,
      List<String> securityGroups,
      int desired) {
    return ecs.createService(
            b ->
                b.cluster(cluster)
                    .serviceName(name)
                    .taskDefinition(taskDefinition)
                    .desiredCount(desired)
                    .launchType(LaunchType.FARGATE)
                    .networkConfiguration(
                        n ->
                            n.awsvpcConfiguration(
                                a ->
                                    a.subnets(subnets)
                                        .securityGroups(securityGroups)
                                        .assignPublicIp(AssignPublicIp.DISABLED))))
        .service()
        .serviceArn();
  }

  /**
   * Runs a Fargate task as a service would (group service:NAME); moto gives it an ENI in the first
   * subnet.
   */
  public String runTask(
      String cluster,
      String service,
      String taskDefinition,
      List<String> subnets,
      List<String> securityGroups) {
    return ecs.runTask(
            b ->
                b.cluster(cluster)
                    .taskDefinition(taskDefinition)
                    .launchType(LaunchType.FARGATE)
                    .group("service:" + service)
                    .startedBy("ecs-svc/1")
                    .networkConfiguration(
                        n ->
                            n.awsvpcConfiguration(
                                a -> a.subnets(subnets).securityGroups(securityGroups))))
        .tasks()
        .get(0)
        .taskArn();
  }

  public void stopTask(String cluster, String task, String reason) {
    ecs.stopTask(b -> b.cluster(cluster).task(task).reason(reason));
  }

  @Override
  public void close() {
    ec2.close();
    ecs.close();
    iam.close();
    logs.close();
    elb.close();
    cloudWatch.close();
    s3.close();
    http.close();
  }
}
