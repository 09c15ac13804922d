package org.ganymede.hub;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The hub's Prometheus metrics, under JupyterHub's names, types, labels and buckets (its
 * {@code metrics.py}, 5.x), so that dashboards and alerts written for JupyterHub work unchanged;
 * plus the JVM's. Every {@code status} label value exists from the start, as JupyterHub creates
 * them, so a rate of failures is 0 rather than absent.
 *
 * <p>Recording is a lock-free histogram update; the gauges are computed when Prometheus scrapes,
 * from the in-memory directory, so nothing here runs on the proxy's path or queries the database.
 */
public final class HubMetrics {
  /** {@code jupyterhub_server_spawn_duration_seconds{status}} values (JupyterHub's ServerSpawnStatus). */
  public enum SpawnStatus {
    SUCCESS("success"), FAILURE("failure"), ALREADY_PENDING("already-pending"), THROTTLED("throttled"),
    TOO_MANY_USERS("too-many-users");

    final String label;

    SpawnStatus(String label) {
      this.label = label;
    }
  }

  /** The {@code period} labels of {@code jupyterhub_active_users}, as JupyterHub 5 counts them. */
  private static final String[] PERIODS = {"24h", "7d", "30d"};
  private static final Duration[] PERIOD_LENGTHS = {Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(30)};
  /** Python prometheus_client's default buckets (client_java's lack 0.075, 0.75 and 7.5). */
  private static final double[] DEFAULT_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5,
      7.5, 10};
  private static final double[] SPAWN_BUCKETS = {0.5, 1, 2.5, 5, 10, 15, 30, 60, 120, 180, 300, 600};
  private static final double NANOS = 1e9;

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final AtomicBoolean serversWatched = new AtomicBoolean();
  private final Histogram requests;
  private final Histogram spawns;
  private final Histogram stops;
  private final Histogram proxyAdds;
  private final Histogram proxyDeletes;
  private final Histogram checkRoutes;
  private final Histogram proxyPolls;
  private final Histogram polls;
  private final Histogram startup;
  private final Optional<Supplier<String>> proxy;

  private HubMetrics(Directory dir, Clock clock, boolean jvm, Optional<Supplier<String>> proxy) {
    this.proxy = proxy;
    requests = histogram("jupyterhub_request_duration_seconds", "Request duration for all HTTP requests",
        DEFAULT_BUCKETS, "method", "handler", "code");
    spawns = histogram("jupyterhub_server_spawn_duration_seconds", "Time taken for server spawning operation",
        SPAWN_BUCKETS, "status");
    for (SpawnStatus s : SpawnStatus.values()) spawns.initLabelValues(s.label);
    stops = withSuccessAndFailure(histogram("jupyterhub_server_stop_seconds",
        "Time taken for server stopping operation", DEFAULT_BUCKETS, "status"));
    proxyAdds = withSuccessAndFailure(histogram("jupyterhub_proxy_add_duration_seconds",
        "Duration for adding user routes to proxy", DEFAULT_BUCKETS, "status"));
    proxyDeletes = withSuccessAndFailure(histogram("jupyterhub_proxy_delete_duration_seconds",
        "Duration for deleting user routes from proxy", DEFAULT_BUCKETS, "status"));
    polls = histogram("jupyterhub_server_poll_duration_seconds", "Time taken to poll if server is running",
        DEFAULT_BUCKETS, "status");
    polls.initLabelValues("running");
    polls.initLabelValues("stopped");
    checkRoutes = histogram("jupyterhub_check_routes_duration_seconds", "Time taken to validate all routes in proxy",
        DEFAULT_BUCKETS);
    proxyPolls = histogram("jupyterhub_proxy_poll_duration_seconds", "Duration for polling all routes from proxy",
        DEFAULT_BUCKETS);
    startup = histogram("jupyterhub_hub_startup_duration_seconds", "Time taken for Hub to start", DEFAULT_BUCKETS);
    GaugeWithCallback.builder().name("jupyterhub_total_users").help("Total number of users")
        .callback(cb -> cb.call(dir.userCount())).register(registry);
    GaugeWithCallback.builder().name("jupyterhub_active_users")
        .help("Number of users who were active in the given time period").labelNames("period")
        .callback(cb -> {
          long[] counts = activeUsers(dir, clock.instant());
          for (int i = 0; i < PERIODS.length; i++) cb.call(counts[i], PERIODS[i]);
        }).register(registry);
    if (jvm) JvmMetrics.builder().register(registry);
  }

  /**
   * The hub's metrics, with the JVM's.
   *
   * @param proxy the embedded proxy's own metrics (Prometheus text), appended to every scrape
   */
  public static HubMetrics create(Directory dir, Clock clock, Optional<Supplier<String>> proxy) {
    return new HubMetrics(dir, clock, true, proxy);
  }

  /** Without the JVM's or a proxy's metrics: for parts under test that record but are never scraped. */
  public static HubMetrics withoutJvm(Directory dir, Clock clock) {
    return new HubMetrics(dir, clock, false, Optional.empty());
  }

  /** Registers {@code jupyterhub_running_servers}; once, by the lifecycle that owns the servers. */
  void watchServers(IntSupplier running) {
    if (!serversWatched.compareAndSet(false, true)) {
      throw new IllegalStateException("jupyterhub_running_servers is already watched by another lifecycle");
    }
    GaugeWithCallback.builder().name("jupyterhub_running_servers")
        .help("The number of user servers currently running")
        .callback(cb -> cb.call(running.getAsInt())).register(registry);
  }

  /** One answered request; {@code handler} names the route, not the path, to bound the label's values. */
  public void request(String method, String handler, int code, long nanos) {
    requests.labelValues(method, handler, Integer.toString(code)).observe(nanos / NANOS);
  }

  /** The hub finished starting, {@code nanos} after its first step. */
  public void started(long nanos) {
    startup.observe(nanos / NANOS);
  }

  void spawn(SpawnStatus status, Duration took) {
    spawns.labelValues(status.label).observe(seconds(took));
  }

  void stop(boolean success, long nanos) {
    stops.labelValues(success ? "success" : "failure").observe(nanos / NANOS);
  }

  void proxyAdd(boolean success, long nanos) {
    proxyAdds.labelValues(success ? "success" : "failure").observe(nanos / NANOS);
  }

  void proxyDelete(boolean success, long nanos) {
    proxyDeletes.labelValues(success ? "success" : "failure").observe(nanos / NANOS);
  }

  void poll(boolean running, long nanos) {
    polls.labelValues(running ? "running" : "stopped").observe(nanos / NANOS);
  }

  void proxyPoll(long nanos) {
    proxyPolls.observe(nanos / NANOS);
  }

  void checkRoutes(long nanos) {
    checkRoutes.observe(nanos / NANOS);
  }

  /** Prometheus's text format (0.0.4), which every Prometheus server reads. */
  public String contentType() {
    return writer.getContentType();
  }

  /** Every metric now, in {@link #contentType()}: the hub's, the JVM's, then the embedded proxy's. */
  public byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      writer.write(out, registry.scrape());
      if (proxy.isPresent()) out.write(proxy.get().get().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("writing the metrics failed", e); // a byte array does not fail
    }
    return out.toByteArray();
  }

  private static long[] activeUsers(Directory dir, Instant now) {
    long[] counts = new long[PERIODS.length];
    for (var user : dir.users()) {
      if (user.lastActivity().isEmpty()) continue;
      Instant last = user.lastActivity().get();
      for (int i = 0; i < PERIODS.length; i++) {
        if (!last.isBefore(now.minus(PERIOD_LENGTHS[i]))) counts[i]++;
      }
    }
    return counts;
  }

  private Histogram histogram(String name, String help, double[] buckets, String... labels) {
    return Histogram.builder().name(name).help(help).classicOnly().classicUpperBounds(buckets).labelNames(labels)
        .register(registry);
  }

  private static Histogram withSuccessAndFailure(Histogram h) {
    h.initLabelValues("success");
    h.initLabelValues("failure");
    return h;
  }

  private static double seconds(Duration d) {
    return d.toNanos() / NANOS;
  }
}
