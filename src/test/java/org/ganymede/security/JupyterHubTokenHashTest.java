package org.ganymede.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Vectors made with Debian's JupyterHub 3.0, {@code jupyterhub.utils.hash_token}. */
class JupyterHubTokenHashTest {
  private static final String GENERATED = "sha512:1:5a1t:82c36032fecabae7f3efdc07f3451b46f825846fd45ce071b068af75fb74"
      + "22b487e5b2138b25f9b17357b5e37169b8dc6f0daf95043c0c6b46dc9b3e62ec76a6";
  private static final String CONFIGURED = "sha512:16384:c4512463a4a50bff:83fb8468b65b083be674f86f44a9a64de15680ee6e"
      + "6189f96e7fceea6669cdfeda90b316416613afdb78820b3c36ec60da961a5a38c618b33ab09ef739494254";

  @Test
  void aGeneratedTokensSingleRoundHashMatchesOnlyItsToken() {
    JupyterHubTokenHash h = JupyterHubTokenHash.parse(GENERATED).orElseThrow();
    assertThat(h.matches("0123456789abcdef0123456789abcdef")).isTrue();
    assertThat(h.matches("0123456789abcdef0123456789abcdee")).isFalse();
  }

  @Test
  void aConfiguredTokensManyRoundHashMatchesOnlyItsToken() {
    JupyterHubTokenHash h = JupyterHubTokenHash.parse(CONFIGURED).orElseThrow();
    assertThat(h.rounds()).isEqualTo(16384);
    assertThat(h.matches("my-configured-token")).isTrue();
    assertThat(h.matches("my-configured-tokeN")).isFalse();
  }

  @Test
  void anotherHashlibAlgorithmIsReadToo() {
    assertThat(JupyterHubTokenHash.parse("sha256:3:00ff:47a5b7b0fecc4e3ef728aaaba37b5807a8c1eb8c40e88417c1c5721e05db0b6a")
        .orElseThrow().matches("my-configured-token")).isTrue();
  }

  @Test
  void ganymedesOwnHashesAndNonsenseAreNotJupyterHubHashes() {
    assertThat(JupyterHubTokenHash.parse(TokenHash.of("abc").sha256())).isEmpty();
    assertThat(JupyterHubTokenHash.parse("md5:1:s:00")).isEmpty();
    assertThat(JupyterHubTokenHash.parse("sha512:0:s:00")).isEmpty();
    assertThat(JupyterHubTokenHash.parse("sha512:99999999:s:00")).isEmpty();
    assertThat(JupyterHubTokenHash.parse("sha512:1:s:xyz")).isEmpty();
  }
}
