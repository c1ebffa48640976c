package dev.fargatedoctor.check.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {
  @Test
  void readsABlockAndABareAddress() {
    Cidr block = Cidr.parse(" 10.1.2.3/16 ");
    assertThat(block.toString()).isEqualTo("10.1.0.0/16");
    assertThat(block.last()).isEqualTo(Cidr.parse("10.1.255.255").first());
    assertThat(Cidr.parse("192.168.0.7").prefix()).isEqualTo(32);
    assertThat(Cidr.parse("0.0.0.0/0").contains(Cidr.parse("255.255.255.255"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "10.0.0",
        "10.0.0.0.0",
        "10.0.0.0.",
        ".10.0.0.0",
        "10..0.0",
        "10.0.0.256",
        "10.0.0.0001",
        "10.0.0.a",
        "10.0.0.0/33",
        "10.0.0.0/-1",
        "10.0.0.0/",
        "10.0.0.0/x",
        "2001:db8::/32"
      })
  void refusesWhatIsNotAnIpv4Block(String text) {
    assertThat(Cidr.tryParse(text)).isEmpty();
  }

  @Test
  void nullIsNothing() {
    assertThat(Cidr.tryParse(null)).isEmpty();
  }
}
