package dev.fargatedoctor.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.agent.proc.Endpoint;
import dev.fargatedoctor.agent.proc.TcpState;
import java.util.List;
import org.junit.jupiter.api.Test;

class SynSentStuckTest {

  private final SynSentStuck detector =
      new SynSentStuck(DetectorSettings.defaults()); // min age 5 s, threshold 1
  private static final Endpoint DB = Endpoint.of("10.0.9.20", 5432);

  private static Sample sample(long second, int... localPorts) {
    Samples s = Samples.at().process(12, "python", 1024, 40, 10);
    for (int port : localPorts) {
      s.addOne(TcpState.SYN_SENT, Endpoint.of("10.0.1.5", port), DB, 12);
    }
    s.add(2, TcpState.ESTABLISHED, "10.0.3.7", 443, 12);
    return s.build(second);
  }

  @Test
  void firesForConnectsStillUnansweredAfterTheMinimumAge() {
    assertThat(detector.observe(sample(0, 50001, 50002))).isEmpty();
    assertThat(detector.observe(sample(3, 50001, 50002, 50003)))
        .isEmpty(); // 3 s: retransmitting, not yet stuck
    List<Warning> warnings = detector.observe(sample(10, 50001, 50002, 50003));
    assertThat(warnings)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.detector()).isEqualTo("syn-sent-stuck");
              assertThat(w.message())
                  .contains(
                      "3 connections to 10.0.9.20:5432 stuck in SYN_SENT for at least 10 s",
                      "pid 12 (python)");
              assertThat(w.evidence())
                  .containsEntry("remote", "10.0.9.20:5432")
                  .containsEntry("count", 3)
                  .containsEntry("oldestSeconds", 10L)
                  .containsEntry("pids", List.of(12));
              assertThat(w.fix()).contains("security group", "connect timeout");
            });
  }

  @Test
  void staysQuietWhenConnectsComplete() {
    // Each sample sees a different, fresh connect: slow handshakes that succeed are not hangs.
    assertThat(detector.observe(sample(0, 50001))).isEmpty();
    assertThat(detector.observe(sample(10, 50002))).isEmpty();
    assertThat(detector.observe(sample(20, 50003))).isEmpty();
    assertThat(detector.observe(sample(30))).isEmpty();
  }

  @Test
  void respectsAPerEndpointThreshold() {
    DetectorSettings d = DetectorSettings.defaults();
    SynSentStuck lenient =
        new SynSentStuck(
            new DetectorSettings(
                d.window(),
                d.closeWait(),
                3,
                d.synSentMinAge(),
                d.timeWait(),
                d.fdRatio(),
                d.memoryRatio(),
                d.growthFloor(),
                d.horizon(),
                d.ephemeralPorts()));
    lenient.observe(sample(0, 50001, 50002));
    assertThat(lenient.observe(sample(10, 50001, 50002))).isEmpty();
    lenient.observe(sample(11, 50001, 50002, 50003));
    assertThat(lenient.observe(sample(20, 50001, 50002, 50003))).hasSize(1);
  }
}
