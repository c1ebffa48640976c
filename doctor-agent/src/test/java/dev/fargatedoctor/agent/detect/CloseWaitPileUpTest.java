package dev.fargatedoctor.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.agent.proc.TcpState;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloseWaitPileUpTest {

  private final CloseWaitPileUp detector =
      new CloseWaitPileUp(DetectorSettings.defaults()); // threshold 10

  private static Sample sample(long second, int closeWait) {
    return Samples.at()
        .process(7, "node", 65535, 200, 150)
        .add(closeWait, TcpState.CLOSE_WAIT, "10.0.3.7", 443, 7)
        .add(5, TcpState.ESTABLISHED, "10.0.3.7", 443, 7)
        .add(3, TcpState.CLOSE_WAIT, "10.0.4.4", 5432, 7) // a small, normal amount elsewhere
        .build(second);
  }

  @Test
  void firesWhenThePileHoldsAcrossSamplesAndNamesEndpointProcessAndFix() {
    assertThat(detector.observe(sample(0, 30))).isEmpty(); // one sample is not yet a pile-up
    List<Warning> warnings = detector.observe(sample(10, 42));
    assertThat(warnings)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.detector()).isEqualTo("close-wait-pileup");
              assertThat(w.message())
                  .contains(
                      "42 sockets in CLOSE_WAIT to 10.0.3.7:443",
                      "pid 7 (node)",
                      "10 s",
                      "30 at the start of the window");
              assertThat(w.evidence())
                  .containsEntry("count", 42)
                  .containsEntry("peer", "10.0.3.7:443")
                  .containsEntry("pid", 7)
                  .containsEntry("process", "node")
                  .containsEntry("countAtWindowStart", 30)
                  .containsEntry("direction", "outbound");
              assertThat(w.fix())
                  .contains("close or fully consume HTTP response bodies", "pool", "timeouts");
            });
  }

  @Test
  void staysQuietForTransientOrSmallCloseWait() {
    assertThat(detector.observe(sample(0, 30))).isEmpty();
    assertThat(detector.observe(sample(10, 0))).isEmpty(); // closed in time: a normal close
    assertThat(detector.observe(sample(20, 9))).isEmpty();
    assertThat(detector.observe(sample(30, 9))).isEmpty(); // below the threshold, however long
  }

  @Test
  void clearsWhenThePileDrains() {
    detector.observe(sample(0, 30));
    assertThat(detector.observe(sample(10, 30))).hasSize(1);
    assertThat(detector.observe(sample(20, 2))).isEmpty();
  }

  @Test
  void inboundCloseWaitGroupsByListeningPortAndPointsAtTheServer() {
    for (long t : new long[] {0, 10}) {
      Samples s = Samples.at().process(9, "java", 1024, 50, 20).listen(8080, 9);
      for (int i = 0; i < 12; i++) {
        s.addOne(
            TcpState.CLOSE_WAIT,
            dev.fargatedoctor.agent.proc.Endpoint.of("10.0.1.5", 8080),
            dev.fargatedoctor.agent.proc.Endpoint.of("10.0.0." + (10 + i), 50000 + i),
            9);
      }
      List<Warning> warnings = detector.observe(s.build(t));
      if (t == 10) {
        assertThat(warnings)
            .singleElement()
            .satisfies(
                w -> {
                  assertThat(w.message())
                      .contains("12 sockets in CLOSE_WAIT from clients of inbound :8080");
                  assertThat(w.fix()).contains("server never closes");
                });
      }
    }
  }

  @Test
  void socketsWithoutAReadableOwnerStillCount() {
    detector.observe(Samples.at().add(15, TcpState.CLOSE_WAIT, "10.0.3.7", 443, 0).build(0));
    List<Warning> warnings =
        detector.observe(Samples.at().add(15, TcpState.CLOSE_WAIT, "10.0.3.7", 443, 0).build(10));
    assertThat(warnings)
        .singleElement()
        .satisfies(w -> assertThat(w.message()).contains("an unknown process"));
  }
}
