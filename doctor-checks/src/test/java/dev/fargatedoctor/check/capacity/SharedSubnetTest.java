package dev.fargatedoctor.check.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.Status;
import dev.fargatedoctor.check.Thresholds;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedSubnetTest {
  private static final String OWNER = "111111111111";
  private static final String SHOP = "222222222222";
  private static final String PAY = "333333333333";
  private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");

  private static SubnetUse view(
      String account, int free, Map<String, Integer> interfaces, SubnetUse.ServiceTasks... tasks) {
    return new SubnetUse(
        account,
        "us-east-1",
        "subnet-shared-a",
        "vpc-shared",
        OWNER,
        "us-east-1a",
        "10.20.0.0/24",
        free,
        AT,
        interfaces,
        List.of(tasks));
  }

  // 251 usable, 100 free: 151 in use, held by the owner's 1, shop's 90 and pay's 60.
  private static List<SharedSubnet> organisation() {
    return SharedSubnet.join(
        List.of(
            view(OWNER, 100, Map.of(OWNER, 1, SHOP, 90, PAY, 60)),
            view(
                SHOP,
                100,
                Map.of(SHOP, 90),
                new SubnetUse.ServiceTasks(SHOP, "shop/cart", 90, 135)),
            view(PAY, 100, Map.of(PAY, 60), new SubnetUse.ServiceTasks(PAY, "pay/api", 60, 120))));
  }

  @Test
  void theAccountsOfASubnetAreJoinedAndTheirInterfacesCountedOnce() {
    SharedSubnet s = organisation().get(0);

    assertThat(organisation()).hasSize(1);
    assertThat(s.shared()).isTrue();
    assertThat(s.owner()).isEqualTo(OWNER);
    assertThat(s.interfacesByAccount())
        .containsExactly(Map.entry(OWNER, 1), Map.entry(SHOP, 90), Map.entry(PAY, 60));
    assertThat(s.unseen()).isZero();
    assertThat(s.unscanned()).isEmpty();
    assertThat(s.additional()).isEqualTo(45 + 60);
  }

  @Test
  void everyAccountsPeakTogetherFailsWhereEachAloneWouldFit() {
    // cart alone adds 45 and api alone 60 of 100 free; together 105: 5 tasks cannot start.
    Finding shop = SubnetIpHeadroom.judge(organisation().get(0), SHOP, Thresholds.DEFAULTS);

    assertThat(shop.status()).isEqualTo(Status.FAIL);
    assertThat(shop.severity()).isEqualTo(Severity.HIGH);
    assertThat(shop.account()).isEqualTo(SHOP);
    assertThat(shop.title())
        .contains("has 100 free IPs; the peak of the tasks of 3 accounts need 105", "5 task(s)");
    assertThat(shop.evidence().get("services (tasks now -> at peak)").toString())
        .contains("222222222222 shop/cart: 90 -> 135", "333333333333 pay/api: 60 -> 120");
    assertThat(shop.evidence().get("accounts using it (interfaces)").toString())
        .contains("111111111111: 1 (owner)", "222222222222: 90", "333333333333: 60");
    assertThat(shop.remediation().text()).contains("Ask the owner, account 111111111111");
  }

  @Test
  void anAccountWhoseScanIsMissingLeavesTheVerdictUnknownUnlessTheSubnetIsRoomy() {
    // Without pay's scan, its 60 interfaces (seen by the owner) are addresses whose peak is
    // unknown.
    List<SharedSubnet> partial =
        SharedSubnet.join(
            List.of(
                view(OWNER, 100, Map.of(OWNER, 1, SHOP, 30, PAY, 60)),
                view(
                    SHOP,
                    100,
                    Map.of(SHOP, 30),
                    new SubnetUse.ServiceTasks(SHOP, "shop/cart", 30, 45))));
    SharedSubnet s = partial.get(0);

    assertThat(s.unseen()).isEqualTo(151 - 31);
    assertThat(s.unscanned()).containsExactly(PAY);
    Finding f = SubnetIpHeadroom.judge(s, SHOP, Thresholds.DEFAULTS);
    assertThat(f.status()).isEqualTo(Status.UNKNOWN);
    assertThat(f.evidence().get("accounts using it (interfaces)").toString())
        .contains("333333333333: 60 (not scanned)");
  }

  @Test
  void aSubnetOnlyOneAccountUsesIsNotShared() {
    SubnetUse alone =
        new SubnetUse(
            SHOP,
            "us-east-1",
            "subnet-own",
            "vpc-own",
            SHOP,
            "us-east-1a",
            "10.0.0.0/24",
            200,
            AT,
            Map.of(SHOP, 5),
            List.of());

    assertThat(SharedSubnet.join(List.of(alone)).get(0).shared()).isFalse();
  }
}
