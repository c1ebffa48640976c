package dev.fargatedoctor.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pacing on an injected clock: the sleeper advances it instead of sleeping, so the waits a scan
 * would make are read, not timed.
 */
class ApiPacingTest {
  private long now = 1_000_000_000L;
  private final List<Long> waits = new ArrayList<>();
  private final ApiPacing pacing =
      new ApiPacing(
          () -> now,
          nanos -> {
            waits.add(nanos);
            now += nanos;
          });

  @Test
  void ec2DescribeCallsBurstToHalfTheBucketThenFollowHalfTheRefillRate() {
    for (int i = 0; i < 50; i++) pacing.pace("ec2", "DescribeNetworkInterfaces", "us-east-1");
    assertThat(waits).as("half of EC2's 100-token bucket goes out at once").isEmpty();

    for (int i = 0; i < 20; i++) pacing.pace("ec2", "DescribeNetworkInterfaces", "us-east-1");
    // then 10 a second: half of the 20 tokens a second EC2 refills
    assertThat(waits).hasSize(20).allSatisfy(w -> assertThat(w).isEqualTo(100_000_000L));
    assertThat(now - 1_000_000_000L).isEqualTo(TimeUnit.SECONDS.toNanos(2));
  }

  @Test
  void idleTimeRefillsTheBucketUpToItsSizeOnly() {
    for (int i = 0; i < 50; i++) pacing.pace("ec2", "DescribeSubnets", "us-east-1");
    now += TimeUnit.MINUTES.toNanos(10);
    for (int i = 0; i < 50; i++) pacing.pace("ec2", "DescribeSubnets", "us-east-1");
    assertThat(waits).isEmpty();
    pacing.pace("ec2", "DescribeSubnets", "us-east-1");
    assertThat(waits).containsExactly(100_000_000L);
  }

  @Test
  void bucketsAreApartPerRegionAndPerApiWhereAwsCountsThemApart() {
    for (int i = 0; i < 50; i++) {
      pacing.pace("ec2", "DescribeSubnets", "us-east-1");
      pacing.pace("ec2", "DescribeSubnets", "eu-west-1");
      pacing.pace("ec2", "DescribeRouteTables", "us-east-1");
    }
    assertThat(waits).isEmpty();
  }

  @Test
  void ecsReadsOfOneCategoryShareABucketAndOtherCategoriesDoNot() {
    for (int i = 0; i < 25; i++) {
      pacing.pace("ecs", i % 2 == 0 ? "ListServices" : "DescribeServices", "us-east-1");
      pacing.pace("ecs", "DescribeTasks", "us-east-1");
    }
    assertThat(waits).isEmpty();
    pacing.pace("ecs", "DescribeServices", "us-east-1");
    // half of ECS's 20 a second
    assertThat(waits).containsExactly(100_000_000L);
  }

  @Test
  void lookupEventsIsHeldToTwoASecondAndUnpublishedCallsAreNotPaced() {
    for (int i = 0; i < 5; i++) pacing.pace("cloudtrail", "LookupEvents", "us-east-1");
    // CloudTrail allows two a second: two at once, then one every half second
    assertThat(waits).containsExactly(500_000_000L, 500_000_000L, 500_000_000L);

    waits.clear();
    for (int i = 0; i < 1000; i++) {
      pacing.pace("sts", "AssumeRole", "us-east-1");
      pacing.pace("elasticloadbalancing", "DescribeTargetHealth", "us-east-1");
    }
    assertThat(waits).isEmpty();
  }

  @Test
  void threadsWaitingOnOneBucketQueueInTurn() {
    TokenBucket bucket = new TokenBucket(1, 2, () -> now);
    assertThat(bucket.take()).isZero();
    // three callers at the same instant: each reserves the next token, half a second apart
    assertThat(List.of(bucket.take(), bucket.take(), bucket.take()))
        .containsExactly(500_000_000L, 1_000_000_000L, 1_500_000_000L);
  }
}
