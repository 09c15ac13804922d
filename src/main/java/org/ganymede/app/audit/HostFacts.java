package org.ganymede.app.audit;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the audit reads from the machine, as paths and values so tests can substitute fixtures.
 *
 * @param uid the hub's user id (0 = root)
 * @param userName the hub's user name
 * @param sudoersFile Ganymede's sudo grant ({@code /etc/sudoers.d/ganymede})
 * @param groupFile the group database ({@code /etc/group})
 * @param shadowFile the password hashes ({@code /etc/shadow}); the audit tries to read it
 * @param selinuxEnforce SELinux's mode file ({@code /sys/fs/selinux/enforce})
 * @param env the environment (PATH, JPY_COOKIE_SECRET, CONFIGPROXY_AUTH_TOKEN)
 */
public record HostFacts(long uid, String userName, Path sudoersFile, Path groupFile, Path shadowFile, Path selinuxEnforce, Map<String, String> env) {
  public static HostFacts real() {
    var unix = new com.sun.security.auth.module.UnixSystem();
    return new HostFacts(unix.getUid(), unix.getUsername(), Path.of("/etc/sudoers.d/ganymede"), Path.of("/etc/group"), Path.of("/etc/shadow"),
        Path.of("/sys/fs/selinux/enforce"), System.getenv());
  }
}
