package dev.fargatedoctor.agent.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointTest {

  @ParameterizedTest
  @CsvSource({
    "10.0.3.7, 443, 10.0.3.7:443",
    "::1, 9779, [::1]:9779",
    "::, 80, [::]:80",
    "fd00::2, 8080, [fd00::2]:8080",
    "2001:db8:0:0:1:0:0:1, 1, [2001:db8::1:0:0:1]:1",
    "2001:db8:0:1:0:0:0:1, 1, [2001:db8:0:1::1]:1",
    "fe80:0:0:0:fc:ff:fe00:1, 22, [fe80::fc:ff:fe00:1]:22",
    "1:2:3:4:5:6:7:8, 5, [1:2:3:4:5:6:7:8]:5",
    "::ffff:10.0.3.7, 443, 10.0.3.7:443",
  })
  void formatsAddressesTheWayRfc5952Says(String address, int port, String expected) {
    assertThat(Endpoint.of(address, port).toString()).isEqualTo(expected);
  }

  @Test
  void mappedIpv6EqualsPlainIpv4() {
    assertThat(Endpoint.of("::ffff:127.0.0.1", 80)).isEqualTo(Endpoint.of("127.0.0.1", 80));
    assertThat(Endpoint.of("::ffff:127.0.0.1", 80).ipv6()).isFalse();
    assertThat(Endpoint.of("127.0.0.1", 80).isLoopback()).isTrue();
    assertThat(Endpoint.of("::1", 80).isLoopback()).isTrue();
    assertThat(Endpoint.of("0.0.0.0", 0).isWildcard()).isTrue();
  }

  @Test
  void refusesHostNamesWithoutLookingThemUp() {
    assertThatThrownBy(() -> Endpoint.of("example.com", 80))
        .hasMessageContaining("not an IP literal");
    assertThatThrownBy(() -> Endpoint.of("beef", 80)).hasMessageContaining("not an IP literal");
  }
}
