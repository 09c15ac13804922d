package org.ganymede.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.app.check.Finding;
import org.ganymede.app.check.Status;
import org.ganymede.config.ConfigLoader;
import org.ganymede.config.ConfigSources;
import org.ganymede.config.HubConfig;
import org.ganymede.security.pki.SelfSignedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each check on a fixture where it passes and one where it fails (or warns) with the expected message. */
class AuditChecksTest {
  @TempDir Path dir;

  HubConfig config(String... args) {
    return ConfigLoader.load(new ConfigSources(Optional.empty(), List.of(args), Map.of())).config();
  }

  HostFacts host(long uid, Map<String, String> env) {
    return new HostFacts(uid, "hubuser", dir.resolve("sudoers"), dir.resolve("group"), dir.resolve("shadow"), dir.resolve("enforce"), env);
  }

  Finding run(Check check, HubConfig config) {
    return run(check, config, host(1000, Map.of("PATH", dir.resolve("bin").toString())));
  }

  Finding run(Check check, HubConfig config, HostFacts host) {
    return check.run(new AuditContext(config, dir, host));
  }

  void chmod(Path p, String mode) throws Exception {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
  }

  @Test
  void tlsPassesWithACertificateAndWarnsWithoutOne() {
    assertThat(run(new TlsCheck(), config("--JupyterHub.ssl_cert=c.pem", "--JupyterHub.ssl_key=k.pem")).status()).isEqualTo(Status.PASS);
    Finding f = run(new TlsCheck(), config("--ip=10.0.0.5"));
    assertThat(f.status()).isEqualTo(Status.WARN);
    assertThat(f.why()).contains("self-signed");
    assertThat(f.fix()).contains("c.JupyterHub.ssl_cert");
  }

  @Test
  void certificateValidityFailsWithinFourteenDaysOfExpiry() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    SelfSignedCertificate.ensure(dir, List.of("hub.example"), Clock.fixed(t0, ZoneOffset.UTC));
    HubConfig c = config("--JupyterHub.ssl_cert=" + SelfSignedCertificate.CERT_FILE, "--JupyterHub.ssl_key=" + SelfSignedCertificate.KEY_FILE);
    assertThat(run(new CertificateValidityCheck(Clock.fixed(t0.plus(Duration.ofDays(300)), ZoneOffset.UTC)), c).status()).isEqualTo(Status.PASS);
    Finding f = run(new CertificateValidityCheck(Clock.fixed(t0.plus(Duration.ofDays(355)), ZoneOffset.UTC)), c);
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.why()).contains("expires").contains("(10 days)");
  }

  @Test
  void keyFileModesFailWhenOthersCanRead() throws Exception {
    var files = SelfSignedCertificate.ensure(dir, List.of("hub.example"), Clock.systemUTC()).files();
    assertThat(run(new KeyFileModesCheck(), config()).status()).isEqualTo(Status.PASS);
    chmod(files.key(), "rw-r--r--");
    Finding f = run(new KeyFileModesCheck(), config());
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.fix()).isEqualTo("chmod 600 " + files.key());
  }

  @Test
  void cookieSecretFailsWhenReadableOrShort() throws Exception {
    Path secret = dir.resolve("jupyterhub_cookie_secret");
    Files.writeString(secret, "ab".repeat(32) + "\n");
    chmod(secret, "rw-------");
    assertThat(run(new CookieSecretCheck(), config()).status()).isEqualTo(Status.PASS);
    chmod(secret, "rw-r--r--");
    Finding f = run(new CookieSecretCheck(), config());
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.fix()).isEqualTo("chmod 600 " + secret);
    chmod(secret, "rw-------");
    Files.writeString(secret, "abcd\n");
    assertThat(run(new CookieSecretCheck(), config()).why()).contains("fewer than 32 bytes");
  }

  @Test
  void proxyTokenFailsWhenItsFileIsReadable() throws Exception {
    Path token = dir.resolve("jupyterhub-proxy-token");
    Files.writeString(token, "x".repeat(64));
    chmod(token, "rw-------");
    assertThat(run(new ProxyTokenCheck(), config()).status()).isEqualTo(Status.PASS);
    chmod(token, "rw-rw-r--");
    assertThat(run(new ProxyTokenCheck(), config()).fix()).isEqualTo("chmod 600 " + token);
  }

  @Test
  void rootIsRefused() {
    assertThat(run(new NotRootCheck(), config()).status()).isEqualTo(Status.PASS);
    Finding f = run(new NotRootCheck(), config(), host(0, Map.of()));
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.why()).contains("runs as root");
  }

  @Test
  void sudoGrantWiderThanTheHelperFails() throws Exception {
    assertThat(run(new SudoGrantCheck(), config()).status()).isEqualTo(Status.PASS);
    Files.writeString(dir.resolve("sudoers"), "# ganymede\nDefaults!/usr/lib/ganymede/helper !requiretty\n"
        + "hubuser ALL=(%jupyterhub-users) NOPASSWD: /usr/lib/ganymede/helper\n");
    assertThat(run(new SudoGrantCheck(), config("--SudoSpawner.helper_path=/usr/lib/ganymede/helper")).status()).isEqualTo(Status.PASS);
    Files.writeString(dir.resolve("sudoers"), "hubuser ALL=(ALL) NOPASSWD: /usr/lib/ganymede/helper, /bin/bash\n");
    Finding f = run(new SudoGrantCheck(), config());
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.why()).contains("/bin/bash");
    Files.writeString(dir.resolve("sudoers"), "hubuser ALL=(ALL) NOPASSWD: ALL\n");
    assertThat(run(new SudoGrantCheck(), config()).why()).contains("grants more than the helper: ALL");
  }

  @Test
  void shadowMembershipFailsWithoutPam() throws Exception {
    Files.writeString(dir.resolve("group"), "root:x:0:\nshadow:x:42:hubuser\n");
    Files.writeString(dir.resolve("shadow"), "hubuser:*:20000:0:99999:7:::\n");
    assertThat(run(new ShadowGroupCheck(), config("--JupyterHub.authenticator_class=pam")).status()).isEqualTo(Status.PASS);
    Finding f = run(new ShadowGroupCheck(), config("--JupyterHub.authenticator_class=dummy"));
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.fix()).isEqualTo("gpasswd -d hubuser shadow");
  }

  @Test
  void pamWithoutReadingShadowFails() throws Exception {
    Files.writeString(dir.resolve("group"), "root:x:0:\n");
    Finding f = run(new ShadowGroupCheck(), config("--JupyterHub.authenticator_class=pam"));
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.fix()).isEqualTo("usermod -aG shadow hubuser");
  }

  @Test
  void sudoSpawnerWithoutAGrantFails() {
    Finding f = run(new SudoGrantCheck(), config("--JupyterHub.spawner_class=sudo"));
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.why()).contains("hubuser may run nothing through sudo (" + dir.resolve("sudoers") + ")");
  }

  @Test
  void adminAccessWarns() {
    assertThat(run(new AdminAccessCheck(), config()).status()).isEqualTo(Status.PASS);
    assertThat(run(new AdminAccessCheck(), config("--JupyterHub.admin_access=True")).status()).isEqualTo(Status.WARN);
  }

  @Test
  void allowAllWithPamFails() {
    assertThat(run(new AllowedUsersCheck(), config("--Authenticator.allowed_users={'alice'}")).status()).isEqualTo(Status.PASS);
    Finding f = run(new AllowedUsersCheck(), config("--JupyterHub.authenticator_class=pam", "--Authenticator.allow_all=True"));
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.why()).contains("every system account");
  }

  @Test
  void userConfigMustBeDisabled() {
    assertThat(run(new DisableUserConfigCheck(), config()).status()).isEqualTo(Status.PASS);
    assertThat(run(new DisableUserConfigCheck(), config("--Spawner.disable_user_config=False")).fix())
        .isEqualTo("set c.Spawner.disable_user_config = True.");
  }

  @Test
  void subdomainHostAndInternalTlsWarnWhenOff() {
    assertThat(run(new SubdomainHostCheck(), config("--JupyterHub.subdomain_host=https://hub.example")).status()).isEqualTo(Status.PASS);
    assertThat(run(new SubdomainHostCheck(), config()).status()).isEqualTo(Status.WARN);
    assertThat(run(new InternalTlsCheck(), config("--JupyterHub.internal_ssl=True")).status()).isEqualTo(Status.PASS);
    assertThat(run(new InternalTlsCheck(), config()).fix()).isEqualTo("set c.JupyterHub.internal_ssl = True.");
  }

  @Test
  void tcpKernelTransportFails() {
    assertThat(run(new KernelTransportCheck(), config()).status()).isEqualTo(Status.PASS);
    Finding f = run(new KernelTransportCheck(), config("--Spawner.args=['--KernelManager.transport=tcp']"));
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.fix()).contains("remove --KernelManager.transport=tcp");
  }

  @Test
  void singleUserCommandWritableByOthersFails() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path venv = Files.createDirectories(dir.resolve("venv"));
    Path python = Files.writeString(venv.resolve("python3"), "#!/bin/sh\n");
    chmod(python, "rwxr-xr-x");
    Path su = Files.writeString(bin.resolve("jupyterhub-singleuser"), "#!" + python + "\necho 5.4.3\n");
    chmod(su, "rwxr-xr-x");
    chmod(bin, "rwxr-xr-x");
    chmod(venv, "rwxr-xr-x");
    chmod(dir, "rwx------");
    assertThat(run(new SingleUserWritableCheck(), config()).status()).as(run(new SingleUserWritableCheck(), config()).why())
        .isEqualTo(Status.PASS);
    chmod(venv, "rwxrwxrwx");
    Finding f = run(new SingleUserWritableCheck(), config());
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.fix()).isEqualTo("chmod go-w " + venv);
  }

  @Test
  void databaseFileReadableByOthersFails() throws Exception {
    Path db = Files.writeString(dir.resolve("jupyterhub.sqlite"), "");
    chmod(db, "rw-------");
    assertThat(run(new DatabaseFileCheck(), config()).status()).isEqualTo(Status.PASS);
    chmod(db, "rw-r--r--");
    assertThat(run(new DatabaseFileCheck(), config()).fix()).isEqualTo("chmod 600 " + db);
  }

  @Test
  void permissiveSelinuxWarns() throws Exception {
    assertThat(run(new SelinuxCheck(), config()).why()).contains("not present");
    Files.writeString(dir.resolve("enforce"), "1");
    assertThat(run(new SelinuxCheck(), config()).status()).isEqualTo(Status.PASS);
    Files.writeString(dir.resolve("enforce"), "0");
    assertThat(run(new SelinuxCheck(), config()).status()).isEqualTo(Status.WARN);
  }

  @Test
  void versionsNameGanymedeAndTheSingleUserServer() throws Exception {
    assertThat(run(new VersionsCheck(), config()).status()).isEqualTo(Status.WARN);
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path su = Files.writeString(bin.resolve("jupyterhub-singleuser"), "#!/bin/sh\necho 5.4.3\n");
    chmod(su, "rwxr-xr-x");
    Finding f = run(new VersionsCheck(), config());
    assertThat(f.status()).isEqualTo(Status.PASS);
    assertThat(f.why()).contains("Ganymede ").contains("5.4.3");
  }

  @Test
  void exitCodeIsTheWorstStatusAndJsonListsEveryCheck() {
    List<Finding> findings = new ArrayList<>(List.of(Finding.pass("a", "ok")));
    assertThat(Audit.exitCode(findings)).isZero();
    findings.add(Finding.warn("b", "hm", "do x"));
    assertThat(Audit.exitCode(findings)).isEqualTo(1);
    findings.add(Finding.fail("c", "bad", "do y"));
    assertThat(Audit.exitCode(findings)).isEqualTo(2);
    assertThat(Audit.json(findings)).contains("\"exit_code\" : 2").contains("\"check\" : \"c\"");
    var all = Audit.run(config(), dir, host(1000, Map.of("PATH", "/nonexistent")), Clock.systemUTC());
    assertThat(all).hasSize(18);
    assertThat(Audit.text(all)).contains("18 checks:");
  }
}
