package org.ganymede.spawn.sudo;

import java.nio.file.Path;

/** The account the helper runs as, from the JVM's own passwd lookup of its real uid. */
record UserSelf(String name, long uid, Path home) {
  static UserSelf current() {
    long uid = new com.sun.security.auth.module.UnixSystem().getUid();
    return new UserSelf(System.getProperty("user.name"), uid, Path.of(System.getProperty("user.home")));
  }
}
