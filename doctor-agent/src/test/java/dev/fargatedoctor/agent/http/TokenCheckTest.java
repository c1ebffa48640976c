package dev.fargatedoctor.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenCheckTest {

  @Test
  void matchesOnlyTheExactConfiguredToken() {
    String token = "0123456789abcdef-token";
    assertThat(TokenCheck.matches(token, token)).isTrue();
    assertThat(TokenCheck.matches(token, token + "x")).isFalse();
    assertThat(TokenCheck.matches(token, token.substring(1))).isFalse();
    assertThat(TokenCheck.matches(token, "")).isFalse();
    assertThat(TokenCheck.matches(token, null)).isFalse();
    assertThat(TokenCheck.matches(null, null)).isFalse(); // no configured token: nothing matches
    assertThat(TokenCheck.matches("", "")).isFalse();
  }

  @Test
  void takesTheTokenFromBearerOrItsOwnHeader() {
    assertThat(TokenCheck.presented("Bearer abc", null)).isEqualTo("abc");
    assertThat(TokenCheck.presented("bearer  abc ", "other")).isEqualTo("abc");
    assertThat(TokenCheck.presented(null, " xyz ")).isEqualTo("xyz");
    assertThat(TokenCheck.presented("Basic dXNlcjpwdw==", null)).isNull();
    assertThat(TokenCheck.presented(null, null)).isNull();
  }
}
