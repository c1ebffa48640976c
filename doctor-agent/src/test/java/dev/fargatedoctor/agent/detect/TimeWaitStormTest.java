package dev.fargatedoctor.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.agent.proc.Endpoint;
import dev.fargatedoctor.agent.proc.TcpState;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeWaitStormTest {

  private final TimeWaitStorm detector =
      new TimeWaitStorm(DetectorSettings.defaults()); // 500 per peer

  private static Sample outbound(long second, int timeWait) {
    return Samples.at()
        .add(timeWait, TcpState.TIME_WAIT, "10.0.3.7", 443, 0)
        .add(3, TcpState.ESTABLISHED, "10.0.3.7", 443, 7)
        .build(second);
  }

  @Test
  void firesOnASustainedStormWithRateAndPortUse() {
    assertThat(detector.observe(outbound(0, 1800))).isEmpty();
    List<Warning> warnings = detector.observe(outbound(10, 1800));
    assertThat(warnings)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.detector()).isEqualTo("time-wait-storm");
              assertThat(w.message())
                  .contains(
                      "1800 sockets in TIME_WAIT to 10.0.3.7:443",
                      "about 30 new connections per second",
                      "6% of the 28232 ephemeral ports");
              assertThat(w.evidence())
                  .containsEntry("newConnectionsPerSecond", 30.0)
                  .containsEntry("direction", "outbound");
              assertThat(w.fix()).contains("keep-alive", "pooling", "keepAlive: true");
            });
  }

  @Test
  void staysQuietBelowTheThresholdOrForASingleBurst() {
    assertThat(detector.observe(outbound(0, 499))).isEmpty();
    assertThat(detector.observe(outbound(10, 499))).isEmpty();
    assertThat(detector.observe(outbound(20, 900))).isEmpty(); // one burst
    assertThat(detector.observe(outbound(30, 100))).isEmpty();
  }

  @Test
  void inboundStormsAreAttributedToTheListeningPort() {
    for (long t : new long[] {0, 10}) {
      Samples s = Samples.at().listen(8080, 9);
      for (int i = 0; i < 600; i++) {
        s.addOne(
            TcpState.TIME_WAIT,
            Endpoint.of("10.0.1.5", 8080),
            Endpoint.of("10.0.0.9", 30000 + i),
            0);
      }
      List<Warning> warnings = detector.observe(s.build(t));
      if (t == 10) {
        assertThat(warnings)
            .singleElement()
            .satisfies(
                w -> {
                  assertThat(w.message())
                      .contains(
                          "600 sockets in TIME_WAIT for inbound :8080",
                          "closes each client connection");
                  assertThat(w.evidence()).containsEntry("direction", "inbound");
                });
      }
    }
  }
}
