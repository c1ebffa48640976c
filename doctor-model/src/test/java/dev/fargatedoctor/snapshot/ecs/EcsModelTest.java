package dev.fargatedoctor.snapshot.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EcsModelTest {

  private static Service service(
      Service.NetworkConfiguration network, List<Service.Deployment> deployments) {
    return new Service(
        "arn:aws:ecs:us-east-1:123456789012:service/shop/web",
        "web",
        "arn:aws:ecs:us-east-1:123456789012:cluster/shop",
        "ACTIVE",
        2,
        1,
        0,
        "FARGATE",
        null,
        null,
        null,
        null,
        null,
        deployments,
        network,
        null,
        null,
        null,
        null,
        null);
  }

  private static Service.Deployment deployment(String id, String status) {
    return new Service.Deployment(
        id, status, null, null, null, null, null, null, null, null, null, null, null);
  }

  @Test
  void anAwsvpcServiceNamesItsSubnetsAndGroups() {
    Service web =
        service(
            new Service.NetworkConfiguration(
                new Service.AwsVpcConfiguration(
                    List.of("subnet-a", "subnet-b"), List.of("sg-web"), "DISABLED")),
            null);

    assertThat(web.subnets()).containsExactly("subnet-a", "subnet-b");
    assertThat(web.securityGroups()).containsExactly("sg-web");
    assertThat(web.clusterName()).isEqualTo("shop");
  }

  @Test
  void aServiceWithoutAwsvpcHasNoSubnets() {
    Service bridge = service(null, null);

    assertThat(bridge.subnets()).isEmpty();
    assertThat(bridge.securityGroups()).isEmpty();
    assertThat(bridge.awsVpc()).isEmpty();
    assertThat(bridge.deployments()).isEmpty();
    assertThat(service(new Service.NetworkConfiguration(null), null).subnets()).isEmpty();
  }

  @Test
  void thePrimaryDeploymentIsTheOneMarkedPrimary() {
    Service web = service(null, List.of(deployment("old", "ACTIVE"), deployment("new", "PRIMARY")));

    assertThat(web.primaryDeployment()).map(Service.Deployment::id).contains("new");
    assertThat(service(null, List.of(deployment("old", "ACTIVE"))).primaryDeployment()).isEmpty();
  }

  @Test
  void aTaskTellsItsServiceAndItsNetworkInterfaceFromItsGroupAndAttachment() {
    Task task =
        new Task(
            "arn:aws:ecs:us-east-1:123456789012:task/shop/1",
            null,
            null,
            "service:web",
            null,
            "STOPPED",
            "STOPPED",
            "FARGATE",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(
                new Task.Attachment(
                    "att-1",
                    "ElasticNetworkInterface",
                    "DELETED",
                    List.of(
                        new KeyValue("subnetId", "subnet-a"),
                        new KeyValue("networkInterfaceId", "eni-1")))),
            null,
            null);

    assertThat(task.serviceName()).contains("web");
    assertThat(task.isStopped()).isTrue();
    assertThat(task.networkInterfaceId()).contains("eni-1");
    assertThat(task.subnetId()).contains("subnet-a");
    assertThat(task.containers()).isEmpty();
  }

  @Test
  void aStandaloneTaskWithoutAttachmentHasNoServiceOrInterface() {
    Task task =
        new Task(
            "arn:aws:ecs:us-east-1:123456789012:task/shop/2",
            null,
            null,
            "family:migrate",
            null,
            "RUNNING",
            "RUNNING",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    assertThat(task.serviceName()).isEmpty();
    assertThat(task.isStopped()).isFalse();
    assertThat(task.networkInterfaceId()).isEmpty();
    assertThat(
            new Task(
                    null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, null)
                .serviceName())
        .isEmpty();
  }

  @Test
  void aContainerIsEssentialUnlessToldOtherwise() {
    assertThat(container(null).isEssential()).isTrue();
    assertThat(container(true).isEssential()).isTrue();
    assertThat(container(false).isEssential()).isFalse();
    assertThat(container(null).environment()).isEmpty();
    assertThat(new TaskDefinition.LogConfiguration("awslogs", null).options()).isEmpty();
  }

  private static TaskDefinition.ContainerDefinition container(Boolean essential) {
    return new TaskDefinition.ContainerDefinition(
        "web", null, null, null, null, essential, null, null, null, null, null, null, null);
  }
}
