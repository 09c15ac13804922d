package org.ganymede.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CookieSecretSourceTest {
  private static final byte[] NONE = new byte[0];
  private static final String HEX64 = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("jupyterhub_cookie_secret");
  }

  private Path writeSecretFile(String content, String mode) throws IOException {
    Files.writeString(file(), content);
    Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString(mode));
    return file();
  }

  @Test
  void missingFileIsCreatedWith32RandomBytesAsHexAndMode600() throws IOException {
    CookieSecret secret = new CookieSecretSource(NONE, Map.of(), file()).resolve();
    assertThat(secret.origin()).isEqualTo(CookieSecret.Origin.GENERATED);
    assertThat(secret.length()).isEqualTo(32);
    String text = Files.readString(file());
    assertThat(text).matches("[0-9a-f]{64}\n");
    assertThat(HexFormat.of().parseHex(text.strip())).isEqualTo(secret.bytes());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");

    CookieSecret again = new CookieSecretSource(NONE, Map.of(), file()).resolve();
    assertThat(again.origin()).isEqualTo(CookieSecret.Origin.FILE);
    assertThat(again.bytes()).isEqualTo(secret.bytes());
  }

  @Test
  void configWinsOverEnvironmentAndEnvironmentOverFile() throws IOException {
    writeSecretFile(HEX64.replace('0', '1') + "\n", "rw-------");
    byte[] configured = HexFormat.of().parseHex(HEX64.replace('f', 'e'));
    Map<String, String> env = Map.of("JPY_COOKIE_SECRET", HEX64);
    assertThat(new CookieSecretSource(configured, env, file()).resolve().bytes()).isEqualTo(configured);
    CookieSecret fromEnv = new CookieSecretSource(NONE, env, file()).resolve();
    assertThat(fromEnv.origin()).isEqualTo(CookieSecret.Origin.ENVIRONMENT);
    assertThat(fromEnv.bytes()).isEqualTo(HexFormat.of().parseHex(HEX64));
  }

  @Test
  void environmentSecretNeedsNoFileEvenWhenTheFileIsUnsafe() throws IOException {
    writeSecretFile(HEX64, "rw-r--r--");
    CookieSecret secret = new CookieSecretSource(NONE, Map.of("JPY_COOKIE_SECRET", HEX64), file())
        .resolve();
    assertThat(secret.origin()).isEqualTo(CookieSecret.Origin.ENVIRONMENT);
  }

  @Test
  void badHexInTheEnvironmentNamesTheVariableButNotTheValue() {
    String bad = "zz" + HEX64.substring(2);
    assertThatThrownBy(() -> new CookieSecretSource(NONE, Map.of("JPY_COOKIE_SECRET", bad), file())
        .resolve())
        .isInstanceOf(SecurityConfigException.class)
        .hasMessageContaining("JPY_COOKIE_SECRET is not valid hex")
        .hasMessageContaining("export JPY_COOKIE_SECRET=$(openssl rand -hex 32)")
        .hasMessageNotContaining(bad);
    assertThat(file()).doesNotExist();
  }

  @Test
  void worldReadableFileStopsTheHubWithTheFix() throws IOException {
    Path file = writeSecretFile(HEX64 + "\n", "rw-r--r--");
    assertThatThrownBy(() -> new CookieSecretSource(NONE, Map.of(), file).resolve())
        .isInstanceOf(SecurityConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("mode 0644")
        .hasMessageContaining("chmod 600 " + file)
        .hasMessageNotContaining(HEX64);
  }

  @Test
  void legacyBase64FileIsAccepted() throws IOException {
    byte[] old = Secrets.randomBytes(1024);
    String base64 = Base64.getMimeEncoder().encodeToString(old);
    writeSecretFile(base64 + "\n", "rw-------");
    CookieSecret secret = new CookieSecretSource(NONE, Map.of(), file()).resolve();
    assertThat(secret.bytes()).isEqualTo(old);
    assertThat(secret.origin()).isEqualTo(CookieSecret.Origin.FILE);
  }

  @Test
  void shortSecretsAreRefusedNamingTheirSource() throws IOException {
    assertThatThrownBy(() -> new CookieSecretSource(new byte[16], Map.of(), file()).resolve())
        .hasMessageContaining("JupyterHub.cookie_secret has 16 bytes");
    assertThatThrownBy(() -> new CookieSecretSource(NONE,
        Map.of("JPY_COOKIE_SECRET", HEX64.substring(32)), file()).resolve())
        .hasMessageContaining("JPY_COOKIE_SECRET has 16 bytes");
    writeSecretFile(HEX64.substring(32), "rw-------");
    assertThatThrownBy(() -> new CookieSecretSource(NONE, Map.of(), file()).resolve())
        .hasMessageContaining("has 16 bytes")
        .hasMessageContaining("openssl rand -hex 32 > " + file());
  }

  @Test
  void emptyFileIsRefused() throws IOException {
    writeSecretFile("\n", "rw-------");
    assertThatThrownBy(() -> new CookieSecretSource(NONE, Map.of(), file()).resolve())
        .hasMessageContaining("is empty");
  }

  @Test
  void secretNeverShowsInToString() {
    CookieSecret secret = new CookieSecretSource(HexFormat.of().parseHex(HEX64), Map.of(), file())
        .resolve();
    assertThat(secret.toString()).doesNotContain("0011").contains("32 bytes");
  }
}
