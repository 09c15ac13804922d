package org.ganymede.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenHashTest {
  @Test
  void newTokensAre32HexCharactersAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String token = ApiTokens.newToken();
      assertThat(token).matches("[0-9a-f]{32}");
      assertThat(seen.add(token)).isTrue();
    }
  }

  @Test
  void hashKeepsFourCharacterPrefixAndMatchesOnlyTheToken() {
    String token = ApiTokens.newToken();
    TokenHash hash = TokenHash.of(token);
    assertThat(hash.prefix()).isEqualTo(token.substring(0, 4));
    assertThat(hash.sha256()).hasSize(64).doesNotContain(token);
    assertThat(hash.matches(token)).isTrue();
    assertThat(hash.matches(token.substring(0, 31) + (token.endsWith("0") ? "1" : "0"))).isFalse();
    assertThat(hash.matches("")).isFalse();
  }

  @Test
  void storedHashRoundTripsThroughItsParts() {
    String token = ApiTokens.newToken();
    TokenHash stored = TokenHash.of(token);
    TokenHash loaded = new TokenHash(stored.prefix(), stored.sha256());
    assertThat(loaded.matches(token)).isTrue();
  }

  @Test
  void logsShowAtMostFourCharacters() {
    String token = "abcdef0123456789abcdef0123456789";
    assertThat(Secrets.prefix(token)).isEqualTo("abcd");
    assertThat(Secrets.prefix("ab")).isEqualTo("ab");
    assertThat(TokenHash.of(token).toString()).doesNotContain("abcdef").contains("abcd");
  }
}
