package dev.fargatedoctor.agent.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InodeOwnersTest {

  @Test
  void holdsTensOfThousandsOfSocketsAndKeepsTheFirstOwner() {
    InodeOwners owners = new InodeOwners();
    for (long inode = 1; inode <= 50_000; inode++) {
      owners.putIfAbsent(inode * 7919, (int) (inode % 1000) + 1);
    }
    owners.putIfAbsent(7919, 4242); // a forked child sharing the socket does not replace the owner
    owners.putIfAbsent(0, 5); // inode 0 (TIME_WAIT) has no owner
    owners.putIfAbsent(123, 0); // pid 0 is not a process
    assertThat(owners.size()).isEqualTo(50_000);
    assertThat(owners.ownerOf(7919)).isEqualTo(2);
    assertThat(owners.ownerOf(50_000L * 7919)).isEqualTo(1);
    assertThat(owners.ownerOf(0)).isZero();
    assertThat(owners.ownerOf(123)).isZero();
    assertThat(owners.ownerOf(7920)).isZero();
  }
}
