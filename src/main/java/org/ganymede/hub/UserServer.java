package org.ganymede.hub;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.ganymede.http.Json;
import org.ganymede.model.ServerState;
import org.ganymede.spawn.SavedState;
import org.ganymede.spawn.StartedServer;

/**
 * One user server as the hub sees it: its state, where it runs, its token, its progress events.
 * Only {@link ServerLifecycle} changes it, holding this object's lock for state changes.
 */
public final class UserServer {
  private final String user;
  private final String name;
  private final String prefix;
  private volatile ServerState state = ServerState.STOPPED;
  private volatile Optional<URI> url = Optional.empty();
  private volatile SavedState saved = SavedState.EMPTY;
  private volatile Optional<Long> tokenId = Optional.empty();
  private volatile Optional<Path> logFile = Optional.empty();
  private volatile Optional<String> failure = Optional.empty();
  private volatile Instant requested = Instant.EPOCH;
  private volatile Map<String, Object> userOptions = Map.of();
  /** Newest activity seen: the start, the server's own reports, traffic through the proxy. */
  private volatile Instant lastActivity = Instant.EPOCH;
  private volatile Future<?> stopping = CompletableFuture.completedFuture(null);
  private final List<SpawnEvent> events = new CopyOnWriteArrayList<>();
  private final List<Consumer<SpawnEvent>> listeners = new CopyOnWriteArrayList<>();

  UserServer(String user, String name, String prefix) {
    this.user = user;
    this.name = name;
    this.prefix = prefix;
  }

  static String key(String user, String name) {
    return user + "/" + name;
  }

  public String user() {
    return user;
  }

  public String name() {
    return name;
  }

  public String prefix() {
    return prefix;
  }

  public ServerState state() {
    return state;
  }

  public Optional<URI> url() {
    return url;
  }

  public Optional<String> failure() {
    return failure;
  }

  public String displayName() {
    return name.isEmpty() ? "server of " + user : "server " + user + "/" + name;
  }

  SavedState saved() {
    return saved;
  }

  Optional<Long> tokenId() {
    return tokenId;
  }

  Optional<Path> logFile() {
    return logFile;
  }

  Instant requested() {
    return requested;
  }

  /** The options of the last start (JupyterHub's {@code user_options}); empty before any. */
  public Map<String, Object> userOptions() {
    return userOptions;
  }

  public Instant lastActivity() {
    return lastActivity;
  }

  /** Moves the last activity forward to {@code when}; false (and no change) when it is not newer. */
  synchronized boolean recordActivity(Instant when) {
    if (!when.isAfter(lastActivity)) return false;
    lastActivity = when;
    return true;
  }

  Future<?> stopping() {
    return stopping;
  }

  void stopping(Future<?> f) {
    stopping = f;
  }

  void token(long id) {
    tokenId = Optional.of(id);
  }

  void logFile(Path f) {
    logFile = Optional.of(f);
  }

  void setSaved(SavedState s) {
    saved = s;
  }

  void started(StartedServer s) {
    url = Optional.of(s.url());
    saved = s.state();
  }

  void moveTo(ServerState next) {
    if (!state.canMoveTo(next)) {
      throw new IllegalStateException(displayName() + " cannot move from " + state + " to " + next);
    }
    state = next;
  }

  void beginStart(Instant now, Map<String, Object> options) {
    moveTo(ServerState.STARTING);
    requested = now;
    recordActivity(now);
    userOptions = frozen(options);
    events.clear();
    failure = Optional.empty();
    url = Optional.empty();
    saved = SavedState.EMPTY;
    tokenId = Optional.empty();
  }

  void finish(ServerState end, Optional<String> why) {
    moveTo(end);
    failure = why;
    url = Optional.empty();
    saved = SavedState.EMPTY;
    tokenId = Optional.empty();
  }

  /** Options may hold JSON nulls, which {@code Map.copyOf} refuses. */
  private static Map<String, Object> frozen(Map<String, Object> options) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  @SuppressWarnings("unchecked")
  void restore(Map<String, Object> stored, Optional<URI> where, Instant started, Optional<Instant> activity,
      Map<String, Object> options) {
    Object spawnerState = stored.get("spawner");
    saved = spawnerState instanceof Map<?, ?> m ? new SavedState((Map<String, Object>) m) : SavedState.EMPTY;
    tokenId = stored.get("token_id") instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
    logFile = stored.get("log") instanceof String s ? Optional.of(Path.of(s)) : Optional.empty();
    url = where;
    requested = started;
    recordActivity(activity.orElse(started));
    userOptions = frozen(options);
  }

  /** Records a progress event and hands it to current listeners. */
  void emit(SpawnEvent event) {
    events.add(event);
    for (Consumer<SpawnEvent> l : listeners) l.accept(event);
  }

  /** Events so far, then every new one until {@code cancel} runs; returns the cancel action. */
  public Runnable subscribe(Consumer<SpawnEvent> listener) {
    synchronized (this) {
      for (SpawnEvent e : new ArrayList<>(events)) listener.accept(e);
      listeners.add(listener);
    }
    return () -> listeners.remove(listener);
  }

  /** JupyterHub's server model. */
  Map<String, Object> model(String baseUrl, boolean withState) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("full_name", user + "/" + name);
    m.put("last_activity", Json.time(lastActivity));
    m.put("started", state.stopped() ? null : Json.time(requested));
    m.put("pending", state.pending().orElse(null));
    m.put("ready", state.ready());
    m.put("stopped", state.stopped());
    m.put("url", prefix);
    m.put("user_options", userOptions);
    m.put("progress_url", baseUrl + "hub/api/users/" + user + (name.isEmpty() ? "/server" : "/servers/" + name)
        + "/progress");
    m.put("full_url", null);
    m.put("full_progress_url", null);
    if (withState) m.put("state", saved.values());
    return m;
  }
}
