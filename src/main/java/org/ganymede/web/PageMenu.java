package org.ganymede.web;

import java.util.Map;
import java.util.Optional;
import org.ganymede.hub.Caller;

/** The values {@code page.html}'s top menu needs: the signed-in name and whether to link the admin page. */
final class PageMenu {
  private PageMenu() {}

  static Map<String, Object> of(Optional<Caller> caller) {
    return caller.filter(c -> c.user().isPresent())
        .<Map<String, Object>>map(c -> Map.of("user", c.name(), "admin_access", AdminPage.allowed(c)))
        .orElse(Map.of());
  }
}
