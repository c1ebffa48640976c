package dev.fargatedoctor.snapshot.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IamDataTest {

  private static final Role TASK_ROLE =
      new Role(
          "shop-task",
          "arn:aws:iam::123456789012:role/service/shop-task",
          "AROA1",
          "/service/",
          null,
          null,
          null,
          null);
  private final IamData iam =
      new IamData(List.of(TASK_ROLE), List.of("arn:aws:iam::123456789012:role/deleted-role"));

  @Test
  void aRoleIsFoundByArnOrByName() {
    assertThat(iam.role("arn:aws:iam::123456789012:role/service/shop-task")).contains(TASK_ROLE);
    assertThat(iam.role("shop-task")).contains(TASK_ROLE);
    // ECS task definitions may name the role without its path.
    assertThat(iam.role("arn:aws:iam::123456789012:role/shop-task")).contains(TASK_ROLE);
    assertThat(iam.role("other")).isEmpty();
    assertThat(iam.role(null)).isEmpty();
  }

  @Test
  void aMissingRoleIsRecognisedByArnOrByName() {
    assertThat(iam.isMissing("arn:aws:iam::123456789012:role/deleted-role")).isTrue();
    assertThat(iam.isMissing("deleted-role")).isTrue();
    assertThat(iam.isMissing("shop-task")).isFalse();
    assertThat(iam.isMissing(null)).isFalse();
  }

  @Test
  void listsAreNeverNull() {
    Role bare = new Role("r", null, null, null, null, null, null, null);

    assertThat(new IamData(null, null).roles()).isEmpty();
    assertThat(bare.attachedPolicies()).isEmpty();
    assertThat(bare.inlinePolicies()).isEmpty();
  }
}
