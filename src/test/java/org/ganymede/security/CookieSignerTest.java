package org.ganymede.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CookieSignerTest {
  private static final byte[] SECRET = secret(0);
  private static final Duration FOURTEEN_DAYS = Duration.ofDays(14);
  private final FakeClock clock = new FakeClock(Instant.ofEpochSecond(1_700_000_000L));
  private final CookieSigner signer = new CookieSigner(SECRET, clock);

  private static byte[] secret(int start) {
    byte[] b = new byte[32];
    for (int i = 0; i < 32; i++) {
      b[i] = (byte) (start + i);
    }
    return b;
  }

  @Test
  void signsInTornadosV2FormatByteForByte() {
    // Made by tornado 6.2: create_signed_value(bytes(range(32)), 'jupyterhub-hub-login',
    // '2c7e1f0a9b8d4e6f', clock=lambda: 1700000000)
    String tornado = "2|1:0|10:1700000000|20:jupyterhub-hub-login|24:MmM3ZTFmMGE5YjhkNGU2Zg==|"
        + "b99eeb44fa4d423b35b0794134669a4c28db3099d11d9c8c0ae3e882b3e7d863";
    assertThat(signer.sign("jupyterhub-hub-login", "2c7e1f0a9b8d4e6f")).isEqualTo(tornado);
    assertThat(signer.verify("jupyterhub-hub-login", tornado, FOURTEEN_DAYS)).contains("2c7e1f0a9b8d4e6f");
  }

  @Test
  void verifiesWhatItSigned() {
    String signed = signer.sign("jupyterhub-hub-login", "ünïcode value|with:pipes");
    assertThat(signer.verify("jupyterhub-hub-login", signed, FOURTEEN_DAYS))
        .contains("ünïcode value|with:pipes");
  }

  @Test
  void tamperedValueOrSignatureIsRefused() {
    String signed = signer.sign("jupyterhub-hub-login", "alice-cookie-id");
    String otherValue = Base64.getEncoder().encodeToString("mallory-cookie-i".getBytes());
    String tamperedValue = signed.replace(
        Base64.getEncoder().encodeToString("alice-cookie-id".getBytes()), otherValue);
    assertThat(tamperedValue).isNotEqualTo(signed);
    assertThat(signer.verify("jupyterhub-hub-login", tamperedValue, FOURTEEN_DAYS)).isEmpty();
    char last = signed.charAt(signed.length() - 1);
    String tamperedMac = signed.substring(0, signed.length() - 1) + (last == 'a' ? 'b' : 'a');
    assertThat(signer.verify("jupyterhub-hub-login", tamperedMac, FOURTEEN_DAYS)).isEmpty();
    String laterStamp = signed.replace("10:1700000000", "10:1800000000");
    assertThat(signer.verify("jupyterhub-hub-login", laterStamp, FOURTEEN_DAYS)).isEmpty();
  }

  @Test
  void valueSignedForOneCookieIsRefusedForAnother() {
    String signed = signer.sign("_xsrf", "x");
    assertThat(signer.verify("jupyterhub-hub-login", signed, FOURTEEN_DAYS)).isEmpty();
  }

  @Test
  void expiresAfterMaxAge() {
    String signed = signer.sign("jupyterhub-hub-login", "v");
    clock.advance(FOURTEEN_DAYS);
    assertThat(signer.verify("jupyterhub-hub-login", signed, FOURTEEN_DAYS)).contains("v");
    clock.advance(Duration.ofSeconds(1));
    assertThat(signer.verify("jupyterhub-hub-login", signed, FOURTEEN_DAYS)).isEmpty();
  }

  @Test
  void anotherSecretInvalidatesEveryCookie() {
    String signed = signer.sign("jupyterhub-hub-login", "v");
    CookieSigner rotated = new CookieSigner(secret(100), clock);
    assertThat(rotated.verify("jupyterhub-hub-login", signed, FOURTEEN_DAYS)).isEmpty();
  }

  @Test
  void malformedValuesAreRefusedQuietly() {
    for (String bad : new String[] {"", "2|", "garbage", "2|1:0|10:1700000000|", "1|1:0|x",
        "2|99999999:0|", "2|-1:0|1:1|1:a|1:b|ff", "2|1:0|10:17000000x0|1:a|4:dg==|00",
        "2|1:0|10:1700000000|20:jupyterhub-hub-login|4:dg==", "x".repeat(10_000)}) {
      assertThat(signer.verify("jupyterhub-hub-login", bad, FOURTEEN_DAYS)).as(bad).isEmpty();
    }
  }

  @Test
  void refusesShortSecrets() {
    assertThatThrownBy(() -> new CookieSigner(new byte[16], clock))
        .hasMessageContaining("16 bytes").hasMessageContaining("at least 32");
  }
}
