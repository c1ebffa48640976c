package dev.fargatedoctor.check.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.check.Thresholds;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedSubnetPlanTest {
  private static final String OWNER = "111111111111";
  private static final String SHOP = "222222222222";
  private static final String PAY = "333333333333";
  private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");

  private static SubnetUse view(
      String account,
      String subnet,
      String az,
      int free,
      Map<String, Integer> interfaces,
      SubnetUse.ServiceTasks... tasks) {
    return new SubnetUse(
        account,
        "us-east-1",
        subnet,
        "vpc-shared",
        subnet.startsWith("subnet-shared") ? OWNER : account,
        az,
        "10.20.0.0/24",
        free,
        AT,
        interfaces,
        List.of(tasks));
  }

  private static SubnetUse.ServiceTasks tasks(String account, String service, int now, int peak) {
    return new SubnetUse.ServiceTasks(account, service, now, peak);
  }

  // shop's plan as it judges it alone: the shared subnet (a /24, 251 usable, 150 free) takes its
  // own +30, its own subnet in the same AZ +5 of 50 free.
  private static PeakPlan shopAlone() {
    PeakPlan.Resource shared =
        new PeakPlan.Resource(
            "subnet IPs",
            "subnet-shared-a",
            PeakPlan.Verdict.UNKNOWN,
            30.0,
            150.0,
            120.0,
            "IPs",
            "");
    PeakPlan.Resource own =
        new PeakPlan.Resource(
            "subnet IPs", "subnet-shop-a", PeakPlan.Verdict.FITS, 5.0, 50.0, 45.0, "IPs", "");
    PeakPlan.Resource enis =
        new PeakPlan.Resource(
            "network interfaces", "region", PeakPlan.Verdict.FITS, 35.0, 900.0, 865.0, "ENIs", "");
    PeakPlan.Resource vcpu =
        new PeakPlan.Resource(
            "Fargate On-Demand vCPU",
            "region",
            PeakPlan.Verdict.FITS,
            10.0,
            500.0,
            490.0,
            "vCPU",
            "");
    List<PeakPlan.Resource> rows = new java.util.ArrayList<>(List.of(enis, shared, own));
    rows.addAll(Preflight.azRows(List.of(shared, own), Map.of()));
    rows.add(vcpu);
    return new PeakPlan(
        AT,
        SHOP,
        true,
        List.of("cart=+10"),
        List.of(new PeakPlan.Region("us-east-1", List.of(), rows, List.of(), List.of())));
  }

  private static final List<SubnetUse> SHOP_USES =
      List.of(
          view(
              SHOP,
              "subnet-shared-a",
              "us-east-1a",
              150,
              Map.of(SHOP, 60),
              tasks(SHOP, "cart", 60, 90)),
          view(
              SHOP,
              "subnet-shop-a",
              "us-east-1a",
              50,
              Map.of(SHOP, 10),
              tasks(SHOP, "cart", 10, 15)));

  @Test
  void aSharedSubnetIsJudgedOnEveryAccountsPeakAndItsAzTakenAgain() {
    // pay's planned api adds 130 to the same 150 free: together 160, 10 tasks short. The 101
    // addresses in use are every scanned account's interfaces.
    List<SharedSubnet> joined =
        SharedSubnet.joinedAcrossScans(
            List.of(
                SHOP_USES.get(0),
                view(
                    PAY,
                    "subnet-shared-a",
                    "us-east-1a",
                    150,
                    Map.of(PAY, 39),
                    tasks(PAY, "api", 39, 169)),
                view(
                    OWNER,
                    "subnet-shared-a",
                    "us-east-1a",
                    150,
                    Map.of(SHOP, 60, PAY, 39, OWNER, 2))));

    PeakPlan revised =
        SharedSubnetPlan.revise(shopAlone(), SHOP, joined, SHOP_USES, Thresholds.DEFAULTS);

    List<PeakPlan.Resource> rows = revised.regions().get(0).resources();
    assertThat(rows)
        .extracting(PeakPlan.Resource::kind)
        .containsExactly(
            "network interfaces", "subnet IPs", "subnet IPs", "AZ IPs", "Fargate On-Demand vCPU");
    PeakPlan.Resource shared = rows.get(1);
    assertThat(shared.verdict()).isEqualTo(PeakPlan.Verdict.DOES_NOT_FIT);
    assertThat(shared.needed()).isEqualTo(160.0);
    assertThat(shared.margin()).isEqualTo(-10.0);
    assertThat(shared.detail())
        .contains("owner " + OWNER, SHOP + " cart 60 -> 90", PAY + " api 39 -> 169")
        .contains("the peak of the tasks of 3 accounts need 160");
    assertThat(rows.get(2)).isEqualTo(shopAlone().regions().get(0).resources().get(2));
    PeakPlan.Resource az = rows.get(3);
    assertThat(az.id()).isEqualTo("us-east-1a");
    assertThat(az.verdict()).isEqualTo(PeakPlan.Verdict.DOES_NOT_FIT);
    assertThat(az.needed()).isEqualTo(165.0);
    assertThat(az.available()).isEqualTo(200.0);
    assertThat(revised.fits()).isFalse();
  }

  @Test
  void aSubnetNoOtherScannedAccountSeesKeepsTheAccountsOwnVerdict() {
    PeakPlan alone = shopAlone();

    PeakPlan revised =
        SharedSubnetPlan.revise(
            alone,
            SHOP,
            SharedSubnet.joinedAcrossScans(List.of(SHOP_USES.get(0))),
            SHOP_USES,
            Thresholds.DEFAULTS);

    assertThat(revised).isSameAs(alone);
  }

  @Test
  void whatEveryScannedAccountExplainsFitsWhereTheAccountAloneCouldNotTell() {
    // shop alone sees 60 of the 101 addresses in use and cannot bound the other 41; with pay and
    // the owner scanned every address is explained, and +30 of 150 fits.
    List<SharedSubnet> joined =
        SharedSubnet.joinedAcrossScans(
            List.of(
                SHOP_USES.get(0),
                view(
                    PAY,
                    "subnet-shared-a",
                    "us-east-1a",
                    150,
                    Map.of(PAY, 39),
                    tasks(PAY, "api", 39, 39)),
                view(
                    OWNER,
                    "subnet-shared-a",
                    "us-east-1a",
                    150,
                    Map.of(SHOP, 60, PAY, 39, OWNER, 2))));

    PeakPlan.Resource row = SharedSubnetPlan.row(joined.get(0), SHOP, Thresholds.DEFAULTS);

    assertThat(row.verdict()).isEqualTo(PeakPlan.Verdict.FITS);
    assertThat(row.margin()).isEqualTo(120.0);
    assertThat(row.detail()).contains("shared by 3 accounts", "with 120 IPs to spare");
  }

  @Test
  void aFullSharedSubnetDoesNotFitOneWithoutAFreeCountIsUnknownAndOneNearTheReserveTight() {
    SharedSubnet full =
        SharedSubnet.join(
                List.of(
                    view(
                        SHOP,
                        "subnet-shared-b",
                        "us-east-1b",
                        0,
                        Map.of(SHOP, 1),
                        tasks(SHOP, "cart", 1, 2)),
                    view(PAY, "subnet-shared-b", "us-east-1b", 0, Map.of(PAY, 1))))
            .get(0);
    SubnetUse noCount =
        new SubnetUse(
            SHOP,
            "us-east-1",
            "subnet-shared-c",
            "vpc-shared",
            OWNER,
            "us-east-1c",
            "10.20.2.0/24",
            null,
            AT,
            Map.of(SHOP, 1),
            List.of(tasks(SHOP, "cart", 1, 2)));
    SubnetUse otherView =
        new SubnetUse(
            PAY,
            "us-east-1",
            "subnet-shared-c",
            "vpc-shared",
            OWNER,
            "us-east-1c",
            "10.20.2.0/24",
            null,
            AT,
            Map.of(PAY, 1),
            List.of());
    SharedSubnet noFree = SharedSubnet.join(List.of(noCount, otherView)).get(0);
    int reserve = Thresholds.DEFAULTS.subnetIpReserve();
    SharedSubnet tight =
        SharedSubnet.join(
                List.of(
                    new SubnetUse(
                        SHOP,
                        "us-east-1",
                        "subnet-shared-d",
                        "vpc-shared",
                        OWNER,
                        "us-east-1d",
                        "10.20.3.0/24",
                        250 - 2,
                        AT,
                        Map.of(SHOP, 1),
                        List.of(tasks(SHOP, "cart", 1, 250 - reserve))),
                    new SubnetUse(
                        PAY,
                        "us-east-1",
                        "subnet-shared-d",
                        "vpc-shared",
                        OWNER,
                        "us-east-1d",
                        "10.20.3.0/24",
                        250 - 2,
                        AT,
                        Map.of(PAY, 1),
                        List.of())))
            .get(0);

    assertThat(SharedSubnetPlan.row(full, SHOP, Thresholds.DEFAULTS).verdict())
        .isEqualTo(PeakPlan.Verdict.DOES_NOT_FIT);
    assertThat(SharedSubnetPlan.row(noFree, SHOP, Thresholds.DEFAULTS).verdict())
        .isEqualTo(PeakPlan.Verdict.UNKNOWN);
    assertThat(SharedSubnetPlan.row(tight, SHOP, Thresholds.DEFAULTS).verdict())
        .isEqualTo(PeakPlan.Verdict.TIGHT);
  }
}
