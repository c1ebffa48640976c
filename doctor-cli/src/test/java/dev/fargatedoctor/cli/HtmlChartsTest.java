package dev.fargatedoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The demo's HTML charts: bars in their findings' colours, axes with times and units. */
class HtmlChartsTest {
  private static final String PAGE = Run.of("demo", "-o", "html").out();

  private static String subnetBarColour(String subnet) {
    Matcher m =
        Pattern.compile(
                Pattern.quote(subnet) + "[^<]*</text><rect[^>]*/><rect[^>]*fill=\"(#[0-9a-f]{6})\"")
            .matcher(PAGE);
    assertThat(m.find()).as(subnet).isTrue();
    return m.group(1);
  }

  @Test
  void subnetBarsTakeTheSeverityOfTheirSubnetIpsFinding() {
    // the demo: SUBNET-IPS is HIGH on subnet-0searcha and MEDIUM on subnet-0searchb
    assertThat(subnetBarColour("subnet-0searcha")).isEqualTo("#d9480f");
    assertThat(subnetBarColour("subnet-0searchb")).isEqualTo("#e6a700");
    // a task subnet with room to spare has no finding: green
    assertThat(subnetBarColour("subnet-0privatea")).isEqualTo("#2b8a3e");
  }

  @Test
  void theEniGaugeTakesTheSeverityOfTheQuotaFinding() {
    // ENI-QUOTA is CRITICAL in the demo
    assertThat(PAGE)
        .containsPattern("A100 100 0 0 1 [0-9.]+ [0-9.]+\" fill=\"none\" stroke=\"#b00020\"");
  }

  @Test
  void chartsHaveAxesWithTimesAndUnits() {
    assertThat(PAGE).contains("time (UTC)", "addresses in use", ">100 %</text>", ">0 MB</text>");
    assertThat(PAGE).containsPattern(">[0-9]+ MB</text>");
    assertThat(PAGE).containsPattern(">([0-9]{2}-[0-9]{2} )?[0-9]{2}:[0-9]{2}</text>");
  }

  @Test
  void theGradeBadgeIsOneLine() {
    assertThat(PAGE)
        .containsPattern(
            "<div class=\"score grade-F\"[^>]*><b>[0-9]+</b><span> /100 · grade F</span></div>");
    assertThat(PAGE).contains(".score{", "white-space:nowrap");
  }
}
