package org.ganymede.web;

import java.net.URI;
import java.util.Optional;

/**
 * Validates {@code next} redirect targets: only same-origin paths under the base URL are followed
 * (no scheme, no host, no {@code //} or backslash tricks — CVE-2019-10255, GHSA-3vff-hjqv-m7h8).
 */
public final class NextUrl {
  private NextUrl() {}

  public static Optional<String> safe(String next, String baseUrl) {
    if (next == null || next.isEmpty() || next.length() > 2048) return Optional.empty();
    if (!next.startsWith("/") || next.startsWith("//") || next.contains("\\")) return Optional.empty();
    for (char c : next.toCharArray()) {
      if (c < 0x20 || c == 0x7f) return Optional.empty();
    }
    try {
      URI uri = new URI(next);
      if (uri.getScheme() != null || uri.getRawAuthority() != null) return Optional.empty();
      String path = uri.normalize().getRawPath();
      if (path == null || !(path + "/").startsWith(baseUrl) && !path.startsWith(baseUrl)) return Optional.empty();
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
    return Optional.of(next);
  }
}
