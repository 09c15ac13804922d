package org.ganymede.security.pki;

/**
 * The Unix account that will own a server's certificate files; {@link #hub()} leaves them to the
 * hub's own user (no chown, e.g. when the hub does not run as root).
 */
public record FileOwner(int uid, int gid) {
  private static final FileOwner HUB = new FileOwner(-1, -1);

  public static FileOwner hub() {
    return HUB;
  }

  public static FileOwner of(int uid, int gid) {
    if (uid < 0 || gid < 0) {
      throw new PkiException("uid and gid must be >= 0, got " + uid + ":" + gid);
    }
    return new FileOwner(uid, gid);
  }

  boolean isHub() {
    return uid < 0;
  }
}
