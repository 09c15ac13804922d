package org.ganymede.hub;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import org.ganymede.model.ServerState;
import org.ganymede.store.UserRecord;

/**
 * The servers the hub knows, stopped ones included until they are forgotten, and what the API
 * shows of them. Keyed {@code user/name} in a sorted map: user names cannot hold '/', so one
 * user's servers are a key range, default server first and named ones by name. Which state a
 * server is in is {@link ServerLifecycle}'s business; this class only holds and answers.
 */
final class UserServers implements ServerViews {
  private final ConcurrentNavigableMap<String, UserServer> byKey = new ConcurrentSkipListMap<>();
  private final String baseUrl;

  UserServers(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  Optional<UserServer> get(String user, String name) {
    return Optional.ofNullable(byKey.get(UserServer.key(user, name)));
  }

  /** The server {@code user/name}, created (stopped) when the hub does not know it yet. */
  UserServer getOrCreate(String user, String name, String prefix) {
    return byKey.computeIfAbsent(UserServer.key(user, name), k -> new UserServer(user, name, prefix));
  }

  /** One user's servers: the key range {@code user/} up to {@code user0} ('0' follows '/'). */
  Collection<UserServer> of(String user) {
    return byKey.subMap(user + "/", user + "0").values();
  }

  Collection<UserServer> all() {
    return byKey.values();
  }

  /** Drops {@code user/name} if it is stopped (a running one stays). */
  void forgetIfStopped(String user, String name) {
    byKey.computeIfPresent(UserServer.key(user, name), (k, s) -> s.state().stopped() ? null : s);
  }

  void forgetStopped(String user) {
    of(user).removeIf(s -> s.state().stopped());
  }

  int runningCount() {
    return (int) byKey.values().stream().filter(s -> s.state() == ServerState.RUNNING).count();
  }

  int activeCount() {
    return (int) byKey.values().stream().filter(s -> !s.state().stopped()).count();
  }

  @Override
  public Optional<String> defaultServerUrl(UserRecord user) {
    return get(user.name(), "").filter(s -> s.state().ready()).map(UserServer::prefix);
  }

  @Override
  public Optional<String> defaultServerPending(UserRecord user) {
    return get(user.name(), "").flatMap(s -> s.state().pending());
  }

  @Override
  public Map<String, Object> models(UserRecord user, boolean includeStopped, Predicate<String> visible,
      Predicate<String> stateVisible) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (UserServer s : of(user.name())) {
      if ((s.state().stopped() && !includeStopped) || !visible.test(s.name())) continue;
      out.put(s.name(), s.model(baseUrl, stateVisible.test(s.name())));
    }
    return out;
  }

  @Override
  public boolean hasServers(UserRecord user) {
    // One lookup, no range view: listing 10,000 users asks this for each of them.
    String first = byKey.ceilingKey(user.name() + "/");
    return first != null && first.startsWith(user.name()) && first.charAt(user.name().length()) == '/';
  }

  @Override
  public Optional<java.time.Instant> newestActivity(UserRecord user) {
    return of(user.name()).stream().map(UserServer::lastActivity).max(java.util.Comparator.naturalOrder());
  }

  @Override
  public boolean anyActive(UserRecord user) {
    return of(user.name()).stream().anyMatch(s -> !s.state().stopped());
  }

  @Override
  public boolean anyReady(UserRecord user) {
    return of(user.name()).stream().anyMatch(s -> s.state().ready());
  }
}
