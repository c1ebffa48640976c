package dev.fargatedoctor.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArnsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "null",
      value = {
        "arn:aws:ecs:us-east-1:123456789012:cluster/shop,              shop",
        "arn:aws:ecs:us-east-1:123456789012:service/shop/web,          web",
        "arn:aws:iam::123456789012:role/service/shop-task,            shop-task",
        "ecsTaskExecutionRole,                                         ecsTaskExecutionRole",
        "null,                                                         null",
      })
  void theLastSegmentIsWhatEcsAndIamCallTheName(String arnOrName, String name) {
    assertThat(Arns.lastSegment(arnOrName)).isEqualTo(name);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      nullValues = "null",
      value = {
        "arn:aws:ecs:us-east-1:123456789012:cluster/shop,          us-east-1, 123456789012",
        "arn:aws-us-gov:ecs:us-gov-west-1:123456789012:task/s/1,   us-gov-west-1, 123456789012",
        "arn:aws:iam::123456789012:role/shop-task,                 null,      123456789012",
        "arn:aws:s3:::shop-orders,                                 null,      null",
        "arn:aws:ecs,                                              null,      null",
        "shop,                                                     null,      null",
        "null,                                                     null,      null",
      })
  void regionAndAccountAreReadFromTheArnWhenItHasThem(String arn, String region, String account) {
    assertThat(Arns.region(arn)).isEqualTo(region);
    assertThat(Arns.account(arn)).isEqualTo(account);
  }
}
