package org.ganymede.auth.ldap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ganymede.rootfixtures.Shell;

/**
 * Debian's real {@code slapd}, started from its own {@code slapd.conf} in a temporary directory on
 * random loopback ports (plain + StartTLS, and ldaps), with a certificate from a throw-away test CA
 * and a small directory under {@code dc=ganymede,dc=test}:
 *
 * <ul>
 *   <li>{@code uid=alice}, {@code uid=bob}, {@code uid=admin} in {@code ou=people}, passwords
 *       {@code <name>-pw}; {@code cn=Smith\, Ann} (uid {@code asmith}, password {@code ann-pw}) — a
 *       DN with a comma; {@code uid=carol} whose {@code mail} is the login name and whose {@code uid}
 *       names a Unix account given at start;
 *   <li>{@code cn=scientists,ou=groups} (groupOfNames: alice and Ann Smith), {@code cn=staff,ou=groups}
 *       (posixGroup, memberUid bob);
 *   <li>{@code cn=search,dc=ganymede,dc=test} / {@code search-pw}, the lookup account.
 * </ul>
 *
 * <p>slapd runs in the foreground with the {@code stats} log on stderr, kept in {@link #log()}, so a
 * test can read the filters the server received.
 */
public final class Slapd implements AutoCloseable {
  public static final String BASE = "dc=ganymede,dc=test";
  public static final String PEOPLE = "ou=people," + BASE;
  public static final String SCIENTISTS = "cn=scientists,ou=groups," + BASE;
  public static final String STAFF = "cn=staff,ou=groups," + BASE;
  public static final String SEARCH_DN = "cn=search," + BASE;
  public static final String SEARCH_PASSWORD = "search-pw";

  public final Path dir;
  public final int port;
  public final int ldapsPort;
  public final Path caFile;
  private final Process process;
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  private Slapd(Path dir, int port, int ldapsPort, Process process) {
    this.dir = dir;
    this.port = port;
    this.ldapsPort = ldapsPort;
    this.caFile = dir.resolve("ca.pem");
    this.process = process;
  }

  /** Starts slapd; {@code carolAccount} is the {@code uid} (Unix account) of carol's entry. */
  public static Slapd start(String carolAccount) {
    try {
      Path dir = Files.createTempDirectory("slapd");
      certificates(dir);
      Files.createDirectories(dir.resolve("data"));
      Files.writeString(dir.resolve("slapd.conf"), config(dir));
      Files.writeString(dir.resolve("data.ldif"), data(carolAccount));
      Shell.ok("slapadd", "-f", dir.resolve("slapd.conf").toString(), "-l", dir.resolve("data.ldif").toString());
      int port = freePort();
      int ldapsPort = freePort();
      Process p = new ProcessBuilder("/usr/sbin/slapd", "-f", dir.resolve("slapd.conf").toString(),
          // 127.0.0.2: the same server under an address its certificate does not name.
          "-h", "ldap://127.0.0.1:" + port + "/ ldap://127.0.0.2:" + port + "/ ldaps://127.0.0.1:" + ldapsPort + "/"
              + " ldaps://127.0.0.2:" + ldapsPort + "/",
          "-d", "stats")
          .redirectErrorStream(true).start();
      Slapd slapd = new Slapd(dir, port, ldapsPort, p);
      slapd.awaitStart();
      return slapd;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitStart() {
    CountDownLatch started = new CountDownLatch(1);
    Thread.ofPlatform().daemon().name("slapd-log").start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          log.add(line);
          if (line.contains("slapd starting")) started.countDown();
        }
      } catch (IOException e) {
        log.add("log reader: " + e);
      }
    });
    try {
      if (!started.await(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("slapd did not start within 30 s: " + String.join("\n", log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every line slapd logged so far. */
  public List<String> log() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Shell.run("rm", "-rf", dir.toString());
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void certificates(Path dir) throws IOException {
    String d = dir.toString();
    Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
        + "extendedKeyUsage=serverAuth\n");
    Shell.ok("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", d + "/ca.key", "-out", d + "/ca.pem", "-days", "2", "-subj", "/CN=Ganymede test LDAP CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    Shell.ok("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", d + "/server.key", "-out", d + "/server.csr", "-subj", "/CN=localhost");
    Shell.ok("openssl", "x509", "-req", "-in", d + "/server.csr", "-CA", d + "/ca.pem", "-CAkey", d + "/ca.key",
        "-CAcreateserial", "-out", d + "/server.pem", "-days", "2", "-extfile", d + "/server.ext");
  }

  private static String config(Path dir) {
    return String.join("\n",
        "include /etc/ldap/schema/core.schema",
        "include /etc/ldap/schema/cosine.schema",
        "include /etc/ldap/schema/inetorgperson.schema",
        "include /etc/ldap/schema/nis.schema",
        "pidfile " + dir.resolve("slapd.pid"),
        "argsfile " + dir.resolve("slapd.args"),
        "modulepath /usr/lib/ldap",
        "moduleload back_mdb",
        "TLSCACertificateFile " + dir.resolve("ca.pem"),
        "TLSCertificateFile " + dir.resolve("server.pem"),
        "TLSCertificateKeyFile " + dir.resolve("server.key"),
        "loglevel stats",
        "database mdb",
        "maxsize 10485760",
        "suffix \"" + BASE + "\"",
        "rootdn \"cn=root," + BASE + "\"",
        "directory " + dir.resolve("data"),
        "access to attrs=userPassword by anonymous auth by self auth by * none",
        "access to * by * read",
        "");
  }

  private static String data(String carolAccount) {
    return String.join("\n",
        "dn: " + BASE, "objectClass: dcObject", "objectClass: organization", "dc: ganymede", "o: Ganymede test", "",
        "dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people", "",
        "dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups", "",
        "dn: " + SEARCH_DN, "objectClass: organizationalRole", "objectClass: simpleSecurityObject", "cn: search",
        "userPassword: " + SEARCH_PASSWORD, "",
        person("alice", "Alice Liddell", 20001), person("bob", "Bob Builder", 20002),
        person("admin", "Ada Admin", 20003),
        "dn: cn=Smith\\, Ann," + PEOPLE, "objectClass: inetOrgPerson", "cn: Smith, Ann", "sn: Smith", "uid: asmith",
        "mail: ann@ganymede.test", "userPassword: ann-pw", "",
        "dn: uid=" + carolAccount + "," + PEOPLE, "objectClass: inetOrgPerson", "objectClass: posixAccount",
        "cn: Carol", "sn: C", "uid: " + carolAccount, "mail: carol@ganymede.test", "uidNumber: 20004",
        "gidNumber: 20004", "homeDirectory: /home/" + carolAccount, "userPassword: carol-pw", "",
        "dn: " + SCIENTISTS, "objectClass: groupOfNames", "cn: scientists", "member: uid=alice," + PEOPLE,
        "member: cn=Smith\\, Ann," + PEOPLE, "",
        "dn: " + STAFF, "objectClass: posixGroup", "cn: staff", "gidNumber: 30001", "memberUid: bob", "");
  }

  private static String person(String uid, String cn, int number) {
    return String.join("\n", "dn: uid=" + uid + "," + PEOPLE, "objectClass: inetOrgPerson", "cn: " + cn,
        "sn: " + cn.substring(cn.indexOf(' ') + 1), "uid: " + uid, "mail: " + uid + "@ganymede.test",
        "employeeNumber: " + number, "userPassword: " + uid + "-pw", "", "");
  }
}
