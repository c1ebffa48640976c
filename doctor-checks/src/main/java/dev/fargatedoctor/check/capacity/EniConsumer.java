package dev.fargatedoctor.check.capacity;

/** Who uses a network interface, as far as the interface itself tells. */
public enum EniConsumer {
  ECS_TASK("ECS task (Fargate/awsvpc)"),
  LAMBDA("Lambda"),
  LOAD_BALANCER("load balancer"),
  NAT_GATEWAY("NAT gateway"),
  VPC_ENDPOINT("VPC endpoint"),
  RDS("RDS"),
  EFS("EFS mount target"),
  EC2_INSTANCE("EC2 instance"),
  OTHER("other");

  private final String label;

  EniConsumer(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
