package dev.fargatedoctor.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadDumpTest {

  @Test
  void aThreadNamedWithEscapeSequencesOrLineBreaksCannotReachTheTerminal() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    Thread hostile =
        new Thread(
            () -> {
              try {
                done.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "worker\u001b]0;owned\u0007\n\"fake\" #1 RUNNABLE\u009b2J");
    hostile.start();
    try {
      String dump = ThreadDump.render();
      assertThat(dump)
          .doesNotContain("\u001b", "\u0007", "\u009b")
          .contains("\"worker\ufffd]0;owned\ufffd\ufffd\"fake\" #1 RUNNABLE\ufffd2J\" #");
      assertThat(dump.lines()).noneMatch(l -> l.startsWith("\"fake\""));
    } finally {
      done.countDown();
      hostile.join();
    }
  }
}
