package dev.fargatedoctor.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KnownRegionsTest {

  @Test
  void aTypoIsRefusedWithTheClosestRegionAndTheOthers() {
    assertThatThrownBy(() -> KnownRegions.check("us-est-1", "--region", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--region 'us-est-1' is not a Region the AWS SDK knows")
        .hasMessageContaining("did you mean us-east-1?")
        .hasMessageContaining("eu-west-1, eu-west-2");
  }

  @Test
  void theRegionsOfEveryPartitionAreKnownButNotTheGlobalPseudoRegions() {
    assertThatCode(() -> KnownRegions.check("eu-central-1", "--region", false))
        .doesNotThrowAnyException();
    assertThatCode(() -> KnownRegions.check("cn-north-1", "--region", false))
        .doesNotThrowAnyException();
    assertThatCode(() -> KnownRegions.check("us-gov-west-1", "--region", false))
        .doesNotThrowAnyException();
    assertThat(KnownRegions.all()).doesNotContain("aws-global").contains("ap-southeast-2");
    assertThatThrownBy(() -> KnownRegions.check("aws-global", "--region", false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withAnEndpointAnyWellFormedNameGoes() {
    assertThatCode(() -> KnownRegions.check("local-1", "--region", true))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> KnownRegions.check("US East", "--region", true))
        .hasMessageContaining("is not a Region name");
  }
}
