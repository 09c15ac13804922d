package org.ganymede.hub;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ganymede.store.ServiceRows;

/** Services declared in config ({@code JupyterHub.services}): registered at start with their tokens. */
public final class Services {
  /**
   * A service as configured; {@code launch} is there when the hub runs it, and {@code process} is
   * how that run goes (never a pid for an external service).
   */
  public record Service(String name, boolean admin, Optional<String> url, Optional<String> apiToken,
      String oauthClientId, Map<String, Object> info, boolean display, Optional<Launch> launch,
      ServiceProcess process) {
    /** An external service: the hub only knows its url and token. */
    public Service(String name, boolean admin, Optional<String> url, Optional<String> apiToken,
        String oauthClientId, Map<String, Object> info, boolean display) {
      this(name, admin, url, apiToken, oauthClientId, info, display, Optional.empty(), new ServiceProcess());
    }

    public boolean managed() {
      return launch.isPresent();
    }

    /** The managed service's command; empty for an external one (JupyterHub's model shows it). */
    public List<String> command() {
      return launch.map(Launch::command).orElse(List.of());
    }

    @Override
    public String toString() {
      return "Service[" + name + "]";
    }
  }

  /** How the hub starts a managed service: {@code command}, {@code environment}, {@code user}, {@code cwd}. */
  public record Launch(List<String> command, Map<String, String> environment, Optional<String> user,
      Optional<String> cwd) {
    public Launch {
      command = List.copyOf(command);
      environment = Map.copyOf(environment);
      if (command.isEmpty()) throw new IllegalArgumentException("a managed service needs a command");
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
