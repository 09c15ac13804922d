package org.ganymede.app.audit;

/** Whether an address literal or name is loopback; '' (all interfaces) is not. */
final class Loopback {
  private Loopback() {}

  static boolean is(String ip) {
    if (ip.isEmpty()) return false;
    try {
      return java.net.InetAddress.getByName(ip).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
