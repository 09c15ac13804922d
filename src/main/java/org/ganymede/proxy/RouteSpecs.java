package org.ganymede.proxy;

/** Routespec normalisation and path decoding, as configurable-http-proxy does them. */
final class RouteSpecs {
  private RouteSpecs() {}

  /**
   * Adds a leading {@code /}, removes one trailing {@code /} (except for the root), like CHP's
   * {@code trimPrefix}. The input is already URL-decoded.
   */
  static String normalise(String routespec) {
    String spec = routespec;
    if (spec.isEmpty() || spec.charAt(0) != '/') {
      spec = "/" + spec;
    }
    if (spec.length() > 1 && spec.charAt(spec.length() - 1) == '/') {
      spec = spec.substring(0, spec.length() - 1);
    }
    return spec;
  }

  /** Decodes a URL path the way JavaScript's {@code decodeURIComponent} does ('+' stays '+'). */
  static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    byte[] out = new byte[raw.length()];
    int n = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw new IllegalArgumentException("bad percent-escape at the end of " + raw);
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("bad percent-escape in " + raw);
        }
        out[n++] = (byte) (hi << 4 | lo);
        i += 2;
      } else if (c < 0x80) {
        out[n++] = (byte) c;
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (n + utf8.length > out.length) {
          out = java.util.Arrays.copyOf(out, out.length * 2 + utf8.length);
        }
        System.arraycopy(utf8, 0, out, n, utf8.length);
        n += utf8.length;
      }
    }
    return new String(out, 0, n, java.nio.charset.StandardCharsets.UTF_8);
  }
}
