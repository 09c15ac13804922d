package org.ganymede.spawn.sudo;

import java.nio.file.Path;

/** The account the helper runs as, from the JVM's own passwd lookup of its real uid. */
record UserSelf(String name, long uid, Path home) {
  static UserSelf current() {
    long uid;
    try {
      // The owner of /proc/self is this process's effective uid (sudo sets real and effective alike).
      uid = ((Number) java.nio.file.Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
    } catch (java.io.IOException e) {
      throw new HelperException("cannot tell which user the helper runs as: " + e);
    }
    return new UserSelf(System.getProperty("user.name"), uid, Path.of(System.getProperty("user.home")));
  }
}
