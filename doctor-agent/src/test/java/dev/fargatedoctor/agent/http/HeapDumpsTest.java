package dev.fargatedoctor.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.agent.MutableClock;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapDumpsTest {

  private static final String TOKEN = "a-long-enough-token-0123";
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
  private final AtomicInteger dumps = new AtomicInteger();

  private HeapDumps heapDumps(Path dir, long freeBytes) {
    return new HeapDumps(
        TOKEN,
        dir,
        Duration.ofMinutes(10),
        clock,
        file -> {
          dumps.incrementAndGet();
          Files.writeString(file, "JAVA PROFILE 1.0.2");
        },
        p -> freeBytes,
        () -> 100L << 20);
  }

  @Test
  void refusesWithoutAConfiguredTokenOrDirectory(@TempDir Path dir) throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (HeapDumps disabled :
        new HeapDumps[] {
          new HeapDumps(
              null,
              dir,
              Duration.ofMinutes(10),
              clock,
              f -> dumps.incrementAndGet(),
              p -> 1L << 40,
              () -> 0),
          new HeapDumps(
              "",
              dir,
              Duration.ofMinutes(10),
              clock,
              f -> dumps.incrementAndGet(),
              p -> 1L << 40,
              () -> 0),
          new HeapDumps(
              TOKEN,
              null,
              Duration.ofMinutes(10),
              clock,
              f -> dumps.incrementAndGet(),
              p -> 1L << 40,
              () -> 0)
        }) {
      assertThat(disabled.request(loopback, ""))
          .extracting(HeapDumps.Outcome::status)
          .isEqualTo(403);
      assertThat(disabled.request(loopback, null).body()).contains("heap dumps are disabled");
    }
    assertThat(dumps).hasValue(0);
  }

  @Test
  void servesOnlyLoopbackClientsWithTheRightToken(@TempDir Path dir) throws Exception {
    HeapDumps heap = heapDumps(dir, 1L << 40);
    assertThat(heap.request(InetAddress.getByName("192.0.2.10"), TOKEN).status()).isEqualTo(403);
    assertThat(heap.request(InetAddress.getByName("192.0.2.10"), TOKEN).body())
        .contains("loopback clients");
    assertThat(heap.request(InetAddress.getLoopbackAddress(), "wrong-token-wrong-token").status())
        .isEqualTo(401);
    assertThat(heap.request(InetAddress.getLoopbackAddress(), null).status()).isEqualTo(401);
    assertThat(dumps).hasValue(0);
    HeapDumps.Outcome ok = heap.request(InetAddress.getByName("::1"), TOKEN);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).contains("heapdump-20250301T120000Z-").doesNotContain(dir.toString());
    assertThat(dumps).hasValue(1);
  }

  @Test
  void rateLimitsAndChecksFreeSpaceBeforeWriting(@TempDir Path dir) throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    HeapDumps heap = heapDumps(dir, 1L << 40);
    assertThat(heap.request(loopback, TOKEN).status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(3));
    HeapDumps.Outcome limited = heap.request(loopback, TOKEN);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.retryAfterSeconds()).isEqualTo(7 * 60 + 1);
    clock.advance(Duration.ofMinutes(7));
    assertThat(heap.request(loopback, TOKEN).status()).isEqualTo(200);
    assertThat(dumps).hasValue(2);

    HeapDumps full = heapDumps(dir, 50L << 20); // 50 MiB free for a 100 MiB heap
    HeapDumps.Outcome noSpace = full.request(loopback, TOKEN);
    assertThat(noSpace.status()).isEqualTo(507);
    assertThat(noSpace.body()).contains("need about 174 MiB, 50 MiB free");
    assertThat(dumps).hasValue(2);

    HeapDumps missingDir = heapDumps(dir.resolve("nope"), 1L << 40);
    assertThat(missingDir.request(loopback, TOKEN).body())
        .contains("does not exist or is not writable")
        .doesNotContain(dir.toString());
  }
}
