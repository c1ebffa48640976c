package dev.fargatedoctor.check.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.snapshot.RegionSnapshot;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EniClassifierTest {
  private final EniClassifier classifier =
      new EniClassifier(new RegionSnapshot("us-east-1", null, null, null));

  @ParameterizedTest(name = "{0} / {1} / {2} -> {5}")
  @CsvSource(
      nullValues = "-",
      value = {
        "arn:aws:ecs:us-east-1:123456789012:attachment/0b6f7c1e-1111, interface, 578734482556, true, -, ECS_TASK",
        "AWS Lambda VPC ENI-orders-7b1e2f3a,           lambda,    x:awslambda_1, true,  -,       LAMBDA",
        "'AWS Lambda VPC ENI: orders',                  interface, -,             true,  -,       LAMBDA",
        "ELB app/web/50dc6c495c0c9188,                  interface, amazon-elb,    true,  -,       LOAD_BALANCER",
        "ELB net/edge/50dc6c495c0c9188,                 network_load_balancer, -, true,  -,       LOAD_BALANCER",
        "Interface for NAT Gateway nat-0abc,            nat_gateway, -,           true,  -,       NAT_GATEWAY",
        "Interface for NAT Gateway nat-0abc,            natGateway,  -,           true,  -,       NAT_GATEWAY",
        "VPC Endpoint Interface vpce-0abc,              interface, -,             true,  -,       VPC_ENDPOINT",
        "'VPC Endpoint Interface: vpce-0abc',           vpc_endpoint, -,          true,  -,       VPC_ENDPOINT",
        "RDSNetworkInterface,                           interface, amazon-rds,    true,  -,       RDS",
        "EFS mount target for fs-1 (fsmt-1),            efs,       -,             true,  -,       EFS",
        "'',                                            interface, -,             false, i-0abc,  EC2_INSTANCE",
        "something else,                                interface, -,             false, -,       OTHER",
        "'',                                            interface, -,             true,  -,       OTHER"
      })
  void classifiesByDescriptionRequesterAndAttachmentNotTypeAlone(
      String description,
      String type,
      String requester,
      boolean managed,
      String instance,
      EniConsumer expected) {
    NetworkInterface eni =
        new NetworkInterface(
            "eni-1",
            "subnet-1",
            "vpc-1",
            "us-east-1a",
            description,
            type,
            requester,
            managed,
            "in-use",
            "10.0.0.1",
            instance == null
                ? null
                : new NetworkInterface.Attachment(
                    "eni-attach-1", instance, "123456789012", "attached", 0),
            null,
            null,
            "123456789012");

    assertThat(classifier.classify(eni)).isEqualTo(expected);
  }
}
