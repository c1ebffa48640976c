package dev.fargatedoctor.check.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityArithmeticTest {

  @Test
  void aDeploymentPeaksAtMaximumPercentRoundedDown() {
    assertThat(DeploymentSurge.peakTasks(3, 125))
        .isEqualTo(3); // ECS's own example: cannot start any
    assertThat(DeploymentSurge.peakTasks(10, 150)).isEqualTo(15);
    assertThat(DeploymentSurge.peakTasks(7, 200)).isEqualTo(14);
    assertThat(DeploymentSurge.peakTasks(0, 200)).isZero();
  }

  @Test
  void minimumHealthyRoundsUp() {
    assertThat(DeploymentSurge.minimumHealthyTasks(2, 75))
        .isEqualTo(2); // ECS's example: cannot stop any
    assertThat(DeploymentSurge.minimumHealthyTasks(10, 50)).isEqualTo(5);
  }

  @Test
  void maximumPercentDefaultsTo200AndBlueGreenIsAWholeSecondTaskSet() {
    assertThat(DeploymentSurge.maximumPercent(service(null, null, List.of(), null))).isEqualTo(200);
    assertThat(DeploymentSurge.maximumPercent(service(150, null, List.of(), null))).isEqualTo(150);
    assertThat(DeploymentSurge.maximumPercent(service(100, "CODE_DEPLOY", List.of(), null)))
        .isEqualTo(200);
  }

  @Test
  void taskSizeReadsCpuUnitsAndTheVcpuForm() {
    assertThat(TaskSize.vcpu("512")).hasValue(0.5);
    assertThat(TaskSize.vcpu("4096")).hasValue(4.0);
    assertThat(TaskSize.vcpu("0.25 vCPU")).hasValue(0.25);
    assertThat(TaskSize.vcpu("1 vcpu")).hasValue(1.0);
    assertThat(TaskSize.vcpu(null)).isEmpty();
    assertThat(TaskSize.vcpu("lots")).isEmpty();
  }

  @Test
  void theStrategyBaseComesFirstThenTheWeights() {
    var strategy =
        List.of(
            new Service.CapacityProviderItem("FARGATE", 1, 2),
            new Service.CapacityProviderItem("FARGATE_SPOT", 3, 0));
    assertThat(FargateShare.of(service(null, null, strategy, null), 10))
        .isEqualTo(new FargateShare(4, 6, 0, false));
    assertThat(FargateShare.of(service(null, null, strategy, null), 1))
        .isEqualTo(new FargateShare(1, 0, 0, false));
  }

  @Test
  void aLaunchTypeDecidesWithoutAStrategyAndNeitherIsAnAssumption() {
    assertThat(FargateShare.of(service(null, null, List.of(), "FARGATE"), 4))
        .isEqualTo(new FargateShare(4, 0, 0, false));
    assertThat(FargateShare.of(service(null, null, List.of(), "EC2"), 4))
        .isEqualTo(new FargateShare(0, 0, 4, false));
    assertThat(FargateShare.of(service(null, null, List.of(), null), 4).assumed()).isTrue();
  }

  @Test
  void aTaskCountsAgainstThePoolOfItsCapacityProvider() {
    assertThat(FargateShare.poolOf(task("FARGATE", "FARGATE_SPOT"))).isEqualTo(FargatePool.SPOT);
    assertThat(FargateShare.poolOf(task("FARGATE", null))).isEqualTo(FargatePool.ON_DEMAND);
    assertThat(FargateShare.poolOf(task("EC2", null))).isNull();
  }

  @Test
  void launchingBeyondTheBurstTakesTwentyTasksASecond() {
    assertThat(new LaunchEstimate(FargatePool.ON_DEMAND, 100).seconds()).isZero();
    assertThat(new LaunchEstimate(FargatePool.ON_DEMAND, 1100).seconds()).isEqualTo(50);
    assertThat(new LaunchEstimate(FargatePool.ON_DEMAND, 101).seconds()).isEqualTo(1);
  }

  private static Service service(
      Integer maxPercent,
      String controller,
      List<Service.CapacityProviderItem> strategy,
      String launchType) {
    return new Service(
        "arn:aws:ecs:us-east-1:1:service/c/s",
        "s",
        "arn:aws:ecs:us-east-1:1:cluster/c",
        "ACTIVE",
        1,
        1,
        0,
        launchType,
        strategy,
        null,
        null,
        maxPercent == null ? null : new Service.DeploymentConfiguration(null, maxPercent, 100),
        controller == null ? null : new Service.DeploymentController(controller),
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static Task task(String launchType, String capacityProvider) {
    return new Task(
        "t",
        null,
        null,
        null,
        null,
        "RUNNING",
        "RUNNING",
        launchType,
        null,
        null,
        "1024",
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
        capacityProvider);
  }
}
