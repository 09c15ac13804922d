package org.ganymede.hub;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ganymede.store.ServiceRows;

/** Services declared in config ({@code JupyterHub.services}): registered at start with their tokens. */
public final class Services {
  /** A service as configured. */
  public record Service(String name, boolean admin, Optional<String> url, Optional<String> apiToken,
      String oauthClientId, Map<String, Object> info, boolean display) {
    @Override
    public String toString() {
      return "Service[" + name + "]";
    }
  }

  private final Map<String, Service> byName;

  public Services(List<Service> services) {
    this.byName = services.stream().collect(Collectors.toUnmodifiableMap(Service::name, Function.identity()));
  }

  /** Writes the services to the database and imports their tokens; removes services no longer configured. */
  public void register(Directory dir, Tokens tokens) {
    dir.write(() -> {
      dir.db().transaction(c -> {
        for (ServiceRows.ServiceRecord old : ServiceRows.all(c)) {
          if (!byName.containsKey(old.name())) {
            ServiceRows.delete(c, old.name());
            org.ganymede.store.TokenRows.deleteOwnedBy(c, "service", old.name());
          }
        }
        for (Service s : byName.values()) {
          ServiceRows.upsert(c, s.name(), s.admin(), s.url().orElse(null), s.oauthClientId());
        }
        return null;
      });
      return null;
    });
    for (Service s : byName.values()) {
      s.apiToken().ifPresent(t -> tokens.importSecret("service", s.name(), t, List.of("inherit"),
          "from config: JupyterHub.services"));
    }
  }

  public Optional<Service> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public List<Service> all() {
    return byName.values().stream().sorted(java.util.Comparator.comparing(Service::name)).toList();
  }

  public Map<String, Boolean> adminFlags() {
    return byName.values().stream().collect(Collectors.toUnmodifiableMap(Service::name, Service::admin));
  }
}
