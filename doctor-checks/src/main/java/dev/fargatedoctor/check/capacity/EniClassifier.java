package dev.fargatedoctor.check.capacity;

import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import dev.fargatedoctor.snapshot.ec2.VpcEndpoint;
import dev.fargatedoctor.snapshot.ecs.Task;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Classifies network interfaces by consumer. AWS labels many kinds "interface", so InterfaceType is
 * only one signal: the description the owning service writes, the requester, the attachment, and
 * joins with the snapshot's tasks, NAT gateways and endpoints decide first.
 */
public final class EniClassifier {
  private final Map<String, EniConsumer> known = new HashMap<>();

  public EniClassifier(RegionSnapshot region) {
    for (Task t : region.ecs().tasks())
      t.networkInterfaceId().ifPresent(id -> known.put(id, EniConsumer.ECS_TASK));
    for (NatGateway n : region.ec2().natGateways()) {
      n.natGatewayAddresses()
          .forEach(
              a -> {
                if (a.networkInterfaceId() != null)
                  known.put(a.networkInterfaceId(), EniConsumer.NAT_GATEWAY);
              });
    }
    for (VpcEndpoint e : region.ec2().vpcEndpoints()) {
      e.networkInterfaceIds().forEach(id -> known.put(id, EniConsumer.VPC_ENDPOINT));
    }
  }

  public EniConsumer classify(NetworkInterface eni) {
    EniConsumer joined = known.get(eni.networkInterfaceId());
    if (joined != null) return joined;
    String d = eni.description() == null ? "" : eni.description();
    String type = eni.interfaceType() == null ? "" : eni.interfaceType().toLowerCase(Locale.ROOT);
    String requester = eni.requesterId() == null ? "" : eni.requesterId().toLowerCase(Locale.ROOT);
    String owner =
        eni.attachment() == null || eni.attachment().instanceOwnerId() == null
            ? ""
            : eni.attachment().instanceOwnerId();

    // ECS writes the task's attachment ARN as the description, for Fargate and EC2 awsvpc tasks
    // alike.
    if (d.startsWith("arn:aws") && d.contains(":ecs:") && d.contains(":attachment/"))
      return EniConsumer.ECS_TASK;
    if (type.equals("lambda")
        || d.startsWith("AWS Lambda VPC ENI")
        || requester.contains("awslambda")
        || owner.equals("aws-lambda")) {
      return EniConsumer.LAMBDA;
    }
    if (type.equals("nat_gateway")
        || type.equals("natgateway")
        || d.startsWith("Interface for NAT Gateway")) {
      return EniConsumer.NAT_GATEWAY;
    }
    if (type.equals("vpc_endpoint")
        || type.equals("gateway_load_balancer_endpoint")
        || d.startsWith("VPC Endpoint Interface")) {
      return EniConsumer.VPC_ENDPOINT;
    }
    if (d.startsWith("ELB ")
        || type.equals("network_load_balancer")
        || type.equals("load_balancer")
        || type.equals("gateway_load_balancer")
        || requester.equals("amazon-elb")) {
      return EniConsumer.LOAD_BALANCER;
    }
    if (d.startsWith("RDSNetworkInterface") || requester.equals("amazon-rds"))
      return EniConsumer.RDS;
    if (type.equals("efs") || d.startsWith("EFS mount target")) return EniConsumer.EFS;
    if (!eni.isRequesterManaged()
        && eni.attachment() != null
        && eni.attachment().instanceId() != null) {
      return EniConsumer.EC2_INSTANCE;
    }
    return EniConsumer.OTHER;
  }
}
