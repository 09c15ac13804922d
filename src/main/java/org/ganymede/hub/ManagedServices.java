package org.ganymede.hub;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the services that have a {@code command} (JupyterHub's managed services): started with the
 * hub, with JupyterHub's environment; restarted when they exit, waiting longer after each quick
 * failure (up to {@link Backoff#max}); stopped (SIGTERM, then SIGKILL) when the hub stops.
 */
public final class ManagedServices implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ManagedServices.class);
  /** Kept from the hub's environment, as JupyterHub's Spawner.env_keep. */
  private static final List<String> ENV_KEEP = List.of("PATH", "PYTHONPATH", "CONDA_ROOT", "CONDA_DEFAULT_ENV",
      "VIRTUAL_ENV", "LANG", "LC_ALL", "JUPYTERHUB_SINGLEUSER_APP");

  /**
   * Waits between restarts: {@code first}, doubled after each run shorter than {@code healthy},
   * never more than {@code max}; a run that lasted {@code healthy} starts over from {@code first}.
   */
  public record Backoff(Duration first, Duration max, Duration healthy) {
    public static final Backoff STANDARD = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60),
        Duration.ofSeconds(60));

    Duration after(Duration previous, Duration ran) {
      if (ran.compareTo(healthy) >= 0 || previous.isZero()) return first;
      Duration doubled = previous.multipliedBy(2);
      return doubled.compareTo(max) > 0 ? max : doubled;
    }
  }

  /**
   * What every managed service is told about the hub.
   *
   * @param apiUrl the hub's API as services reach it ({@code JUPYTERHUB_API_URL})
   * @param baseUrl {@code JupyterHub.base_url}, with its trailing slash
   * @param publicHost {@code JUPYTERHUB_HOST}: the public host with subdomains, else empty
   * @param hubEnv the hub's own environment, of which {@link #ENV_KEEP} is passed on
   */
  public record HubFacts(String apiUrl, String baseUrl, String publicHost, Map<String, String> hubEnv) {
    public HubFacts {
      hubEnv = Map.copyOf(hubEnv);
    }
  }

  private final List<Supervisor> supervisors = new ArrayList<>();

  private ManagedServices() {}

  /**
   * Starts every managed service of {@code services}. A service without an {@code api_token} gets
   * a new token at each start, as JupyterHub does.
   *
   * @throws IllegalStateException when a service names another Unix {@code user} and the hub is not root
   */
  public static ManagedServices start(Services services, Tokens tokens, HubFacts hub, Backoff backoff) {
    return start(services, tokens, hub, backoff, System.getProperty("user.name"));
  }

  /** As above for a hub running as the Unix user {@code hubUser}. */
  static ManagedServices start(Services services, Tokens tokens, HubFacts hub, Backoff backoff, String hubUser) {
    for (Services.Service s : services.all()) {
      s.launch().flatMap(Services.Launch::user).filter(u -> !u.equals(hubUser) && !"root".equals(hubUser)).ifPresent(u -> {
        throw new IllegalStateException("JupyterHub.services '" + s.name() + "' has user '" + u
            + "', but the hub runs as '" + hubUser + "': only a hub running as root can start a service as "
            + "another user; remove 'user' or start the hub as root");
      });
    }
    ManagedServices running = new ManagedServices();
    for (Services.Service s : services.all()) {
      if (!s.managed()) continue;
      String token = s.apiToken().orElseGet(() -> tokens.issue("service", s.name(), List.of("inherit"),
          "generated at startup", Optional.empty(), Optional.empty(), "jupyterhub").secret());
      Services.Launch launch = s.launch().orElseThrow();
      Supervisor sup = new Supervisor(s, launch, command(launch, hubUser), environment(s, launch, hub, token, hubUser),
          backoff);
      running.supervisors.add(sup);
      sup.thread.start();
    }
    return running;
  }

  private static List<String> command(Services.Launch s, String hubUser) {
    if (s.user().isEmpty() || s.user().get().equals(hubUser)) return s.command();
    // runuser sets HOME, SHELL, USER and LOGNAME for the target user, as JupyterHub's spawner does.
    List<String> as = new ArrayList<>(List.of("runuser", "-u", s.user().get(), "--"));
    as.addAll(s.command());
    return as;
  }

  static Map<String, String> environment(Services.Service s, Services.Launch launch, HubFacts hub, String token,
      String hubUser) {
    Map<String, String> env = new LinkedHashMap<>();
    ENV_KEEP.forEach(k -> Optional.ofNullable(hub.hubEnv().get(k)).ifPresent(v -> env.put(k, v)));
    env.putAll(launch.environment());
    String prefix = hub.baseUrl() + "services/" + s.name() + "/";
    env.put("JUPYTERHUB_SERVICE_NAME", s.name());
    s.url().ifPresent(url -> {
      env.put("JUPYTERHUB_SERVICE_URL", url);
      env.put("JUPYTERHUB_SERVICE_PREFIX", prefix);
    });
    env.put("JUPYTERHUB_API_TOKEN", token);
    env.put("JPY_API_TOKEN", token);
    env.put("JUPYTERHUB_CLIENT_ID", s.oauthClientId());
    env.put("JUPYTERHUB_HOST", hub.publicHost());
    env.put("JUPYTERHUB_OAUTH_CALLBACK_URL", prefix + "oauth_callback");
    String access = "[\"access:services!service=" + s.name() + "\"]";
    env.put("JUPYTERHUB_OAUTH_SCOPES", access);
    env.put("JUPYTERHUB_OAUTH_ACCESS_SCOPES", access);
    env.put("JUPYTERHUB_USER", launch.user().orElse(hubUser));
    env.put("JUPYTERHUB_API_URL", hub.apiUrl());
    env.put("JUPYTERHUB_BASE_URL", hub.baseUrl());
    return env;
  }

  /** Stops every service and waits for each to exit. */
  @Override
  public void close() {
    supervisors.forEach(Supervisor::stop);
  }

  @Override
  public String toString() {
    return "managed services " + supervisors.stream().map(s -> s.service.name()).toList();
  }

  /** One service's process, kept running by its own thread until the hub stops. */
  private static final class Supervisor {
    private final Services.Service service;
    private final Optional<String> cwd;
    private final List<String> command;
    private final Map<String, String> env;
    private final Backoff backoff;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;
    private volatile Optional<Process> current = Optional.empty();

    Supervisor(Services.Service service, Services.Launch launch, List<String> command, Map<String, String> env,
        Backoff backoff) {
      this.service = service;
      this.cwd = launch.cwd();
      this.command = List.copyOf(command);
      this.env = env;
      this.backoff = backoff;
      this.thread = Thread.ofPlatform().daemon().name("service-" + service.name()).unstarted(this::superviseUntilStopped);
    }

    private void superviseUntilStopped() {
      Duration wait = Duration.ZERO;
      while (stopping.getCount() > 0) {
        long begun = System.nanoTime();
        String failure = runOnce();
        if (stopping.getCount() == 0) break;
        Duration ran = Duration.ofNanos(System.nanoTime() - begun);
        wait = backoff.after(wait, ran);
        service.process().failed(failure);
        log.error("Service {} {}; restarting in {} ms", service.name(), failure, wait.toMillis());
        try {
          if (stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS)) break;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }

    /** Runs the command until it exits; says how it ended. */
    private String runOnce() {
      ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
      pb.environment().clear();
      pb.environment().putAll(env);
      cwd.ifPresent(dir -> pb.directory(new File(dir)));
      Process p;
      synchronized (this) {
        if (stopping.getCount() == 0) return "stopped";
        try {
          log.info("Starting service {}: {}", service.name(), command);
          p = pb.start();
        } catch (IOException e) {
          return "could not be started (" + command.get(0) + cwd.map(d -> " in " + d).orElse("")
              + "): " + e.getMessage();
        }
        current = Optional.of(p);
        service.process().started(p.pid());
      }
      try {
        return "exited with status " + p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "was interrupted";
      }
    }

    void stop() {
      Optional<Process> p;
      synchronized (this) {
        if (stopping.getCount() == 0) return;
        stopping.countDown();
        p = current;
      }
      p.ifPresent(proc -> {
        log.info("Stopping service {} (pid {})", service.name(), proc.pid());
        // Its children too: a service that forks workers must not outlive the hub.
        List<ProcessHandle> children = proc.descendants().toList();
        proc.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
          if (!proc.waitFor(5, TimeUnit.SECONDS)) {
            log.warn("Service {} did not stop on SIGTERM within 5 s; killing it", service.name());
            proc.destroyForcibly();
            proc.waitFor(5, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      try {
        thread.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      service.process().stopped();
    }
  }
}
