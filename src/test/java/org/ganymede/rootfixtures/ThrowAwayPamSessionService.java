package org.ganymede.rootfixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Two throw-away PAM services under /etc/pam.d (random names, removed by {@link #close}) whose
 * session stacks run {@code pam_exec} with a script appending {@code $PAM_TYPE $PAM_USER} to a file;
 * the second one's script then fails. Needs root.
 */
public final class ThrowAwayPamSessionService implements AutoCloseable {
  public final String service = "ganytest-sess-" + ThrowAwayAccount.randomHex();
  public final String failingService = service + "-fail";
  final Path dir;
  final Path record;

  private ThrowAwayPamSessionService(Path dir) {
    this.dir = dir;
    this.record = dir.resolve("sessions.log");
  }

  public static ThrowAwayPamSessionService create() throws Exception {
    ThrowAwayPamSessionService f = new ThrowAwayPamSessionService(Files.createTempDirectory("ganytest-pam"));
    Path script = f.dir.resolve("record.sh");
    Files.writeString(script, "#!/bin/sh\necho \"$PAM_TYPE $PAM_USER\" >> " + f.record + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path failing = f.dir.resolve("record-and-fail.sh");
    Files.writeString(failing, "#!/bin/sh\necho \"$PAM_TYPE $PAM_USER\" >> " + f.record + "\nexit 1\n");
    Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwxr-xr-x"));
    String stacks = "@include common-auth\n@include common-account\n";
    Files.writeString(Path.of("/etc/pam.d", f.service), stacks + "session required pam_exec.so " + script + "\n");
    Files.writeString(Path.of("/etc/pam.d", f.failingService), stacks + "session required pam_exec.so " + failing + "\n");
    return f;
  }

  public List<String> recorded() throws Exception {
    return Files.exists(record) ? Files.readAllLines(record) : List.of();
  }

  public void clear() throws Exception {
    Files.deleteIfExists(record);
  }

  @Override
  public void close() throws Exception {
    Files.deleteIfExists(Path.of("/etc/pam.d", service));
    Files.deleteIfExists(Path.of("/etc/pam.d", failingService));
    Shell.run("rm", "-rf", "--one-file-system", dir.toString());
  }
}
