package org.ganymede.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * auth_state encryption against Python's {@code cryptography.fernet}, which JupyterHub uses: tokens
 * either side makes, the other opens, so a JupyterHub database stays readable.
 */
class CryptKeeperTest {
  private static final String HEX_KEY = "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0fa5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5";
  private static final String BASE64_KEY = "Dw8PDw8PDw8PDw8PDw8PD6WlpaWlpaWlpaWlpaWlpaU=";
  private static final String OTHER_HEX_KEY = "1111111111111111111111111111111122222222222222222222222222222222";
  /** Made by python3-cryptography 48 with HEX_KEY: Fernet(urlsafe_b64encode(key)).encrypt(json). */
  private static final String PYTHON_TOKEN = "gAAAAABrEvPhK5mGXSFAr8wThXSH5kAicO5qjIhIHfPO4Hsrzno7xkgsm_Pjc3HReDSZx1fVNK8v3k"
      + "Kjfw9DWaDREN8uJL9uMWDvJ67iZMp3RPyrnb6sKldF775xCZNEVEEzfHnivQB-1wJH5kB_CB1RrNcBvPhORQ==";

  private static CryptKeeper keeper(String env) {
    return CryptKeeper.fromEnvironment(env, Clock.systemUTC()).orElseThrow();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void whatItEncryptsItDecrypts() {
    CryptKeeper k = keeper(HEX_KEY);
    byte[] token = k.encrypt(utf8("{\"access_token\": \"secret\"}"));
    assertThat(new String(token, StandardCharsets.US_ASCII)).startsWith("gAAAAA").doesNotContain("secret");
    assertThat(k.decrypt(token)).isEqualTo(utf8("{\"access_token\": \"secret\"}"));
  }

  @Test
  void hexAndBase64FormsOfOneKeyAreTheSameKey() {
    byte[] token = keeper(HEX_KEY).encrypt(utf8("{}"));
    assertThat(keeper(BASE64_KEY).decrypt(token)).isEqualTo(utf8("{}"));
    String standardAlphabet = Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(BASE64_KEY));
    assertThat(keeper(standardAlphabet).decrypt(token)).isEqualTo(utf8("{}"));
  }

  @Test
  void aTokenMadeByPythonCryptographyDecrypts() {
    assertThat(new String(keeper(HEX_KEY).decrypt(utf8(PYTHON_TOKEN)), StandardCharsets.UTF_8))
        .isEqualTo("{\"access_token\": \"gho_python\", \"refresh_token\": \"r1\", \"n\": 3}");
  }

  @Test
  void pythonCryptographyDecryptsWhatJavaMakesAndTheOtherWayRound() throws Exception {
    byte[] ours = keeper(HEX_KEY).encrypt(utf8("{\"k\": \"v\"}"));
    assertThat(python("from cryptography.fernet import Fernet; import base64, sys\n"
        + "f = Fernet(base64.urlsafe_b64encode(bytes.fromhex(sys.argv[1])))\n"
        + "print(f.decrypt(sys.argv[2].encode()).decode())", HEX_KEY, new String(ours, StandardCharsets.US_ASCII)))
        .isEqualTo("{\"k\": \"v\"}");
    String theirs = python("from cryptography.fernet import Fernet; import base64, sys\n"
        + "print(Fernet(base64.urlsafe_b64encode(bytes.fromhex(sys.argv[1]))).encrypt(b'{\"made\": \"in python\"}').decode())",
        HEX_KEY);
    assertThat(keeper(HEX_KEY).decrypt(utf8(theirs))).isEqualTo(utf8("{\"made\": \"in python\"}"));
  }

  @Test
  void rotationEncryptsWithTheFirstKeyAndDecryptsWithAny() {
    byte[] old = keeper(OTHER_HEX_KEY).encrypt(utf8("old"));
    CryptKeeper rotated = keeper(HEX_KEY + ";" + OTHER_HEX_KEY);
    assertThat(rotated.keyCount()).isEqualTo(2);
    assertThat(rotated.decrypt(old)).isEqualTo(utf8("old"));
    byte[] fresh = rotated.encrypt(utf8("new"));
    assertThat(keeper(HEX_KEY).decrypt(fresh)).as("made with the first key").isEqualTo(utf8("new"));
    assertThatThrownBy(() -> keeper(OTHER_HEX_KEY).decrypt(fresh)).isInstanceOf(CryptKeeper.UnreadableToken.class);
    assertThat(keeper(" " + OTHER_HEX_KEY + " , " + HEX_KEY + ";").keyCount()).as("commas, spaces, empty parts")
        .isEqualTo(2);
  }

  @Test
  void aTamperedTokenIsRefusedWithoutShowingIt() {
    CryptKeeper k = keeper(HEX_KEY);
    byte[] token = k.encrypt(utf8("{\"access_token\": \"secret\"}"));
    byte[] raw = Base64.getUrlDecoder().decode(token);
    for (int at : List.of(5, 30, raw.length - 40, raw.length - 1)) {
      byte[] changed = raw.clone();
      changed[at] ^= 1;
      byte[] tampered = Base64.getUrlEncoder().encode(changed);
      assertThatThrownBy(() -> k.decrypt(tampered)).as("byte %d flipped", at)
          .isInstanceOf(CryptKeeper.UnreadableToken.class)
          .hasMessageContaining("JUPYTERHUB_CRYPT_KEY")
          .hasMessageNotContaining(new String(tampered, StandardCharsets.US_ASCII).substring(0, 20));
    }
    assertThatThrownBy(() -> k.decrypt(utf8("not a token"))).isInstanceOf(CryptKeeper.UnreadableToken.class);
    assertThatThrownBy(() -> keeper(OTHER_HEX_KEY).decrypt(token)).isInstanceOf(CryptKeeper.UnreadableToken.class);
  }

  @Test
  void keysThatAreNot32BytesAreRefusedByPositionWithHowToMakeOne() {
    assertThatThrownBy(() -> keeper(HEX_KEY + ";tooshort"))
        .isInstanceOf(SecurityConfigException.class)
        .hasMessageContaining("JUPYTERHUB_CRYPT_KEY: key 2 is not 32 bytes")
        .hasMessageContaining("openssl rand -hex 32")
        .hasMessageNotContaining("tooshort");
    assertThatThrownBy(() -> keeper("zz" + HEX_KEY.substring(2))).as("64 characters, not hex")
        .isInstanceOf(SecurityConfigException.class).hasMessageContaining("key 1");
  }

  @Test
  void anyOtherStringOf32BytesIsTheRawKeyAsInJupyterHub() {
    String raw = "abcdefghijklmnopqrstuvwxyz012345";
    byte[] token = keeper(raw).encrypt(utf8("{}"));
    String hex = java.util.HexFormat.of().formatHex(raw.getBytes(StandardCharsets.US_ASCII));
    assertThat(keeper(hex).decrypt(token)).isEqualTo(utf8("{}"));
  }

  @Test
  void anEmptyVariableHoldsNoKeys() {
    assertThat(CryptKeeper.fromEnvironment("", Clock.systemUTC())).isEmpty();
    assertThat(CryptKeeper.fromEnvironment(" ; ", Clock.systemUTC())).isEmpty();
  }

  private static String python(String script, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("python3", "-c", script));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
