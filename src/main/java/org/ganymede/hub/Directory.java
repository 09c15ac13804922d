package org.ganymede.hub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.ganymede.store.Database;
import org.ganymede.store.GroupRecord;
import org.ganymede.store.GroupRows;
import org.ganymede.store.RoleRecord;
import org.ganymede.store.RoleRows;
import org.ganymede.store.UserRecord;
import org.ganymede.store.UserRows;

/**
 * The in-memory working set of users, groups and roles, and the single writer lock.
 *
 * <p>Lookups are lock-free map reads. Changes go through {@link #write}: one at a time, database
 * first, memory after the commit.
 */
public final class Directory {
  private final Database db;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Map<String, UserRecord> usersByName = new ConcurrentHashMap<>();
  private final Map<String, UserRecord> usersByCookie = new ConcurrentHashMap<>();
  private final Map<String, GroupRecord> groupsByName = new ConcurrentHashMap<>();
  private final Map<String, RoleRecord> rolesByName = new ConcurrentHashMap<>();
  private volatile Map<String, Set<String>> groupsOfUser = Map.of();
  private volatile long version;
  /** Counts user changes; {@link #users()}'s sorted list is kept with the count it was built at. */
  private final AtomicLong userChanges = new AtomicLong();
  private volatile UsersById usersById = new UsersById(-1, List.of());

  private record UsersById(long changes, List<UserRecord> users) {}

  private Directory(Database db) {
    this.db = db;
  }

  /** Loads every user, group and role from the database. */
  public static Directory load(Database db) {
    Directory d = new Directory(db);
    d.reload();
    return d;
  }

  /** Re-reads everything; used at start and after multi-aggregate changes. */
  void reload() {
    writeLock.lock();
    try {
      List<UserRecord> users = db.transaction(UserRows::all);
      List<GroupRecord> groups = db.transaction(GroupRows::all);
      List<RoleRecord> roles = db.transaction(RoleRows::all);
      usersByName.clear();
      usersByCookie.clear();
      for (UserRecord u : users) replaceUser(u);
      groupsByName.clear();
      for (GroupRecord g : groups) groupsByName.put(g.name(), g);
      rolesByName.clear();
      for (RoleRecord r : roles) rolesByName.put(r.name(), r);
      reindexGroups();
    } finally {
      writeLock.unlock();
    }
  }

  /** Runs {@code change} under the writer lock; it commits to the database, then publishes. */
  <T> T write(Supplier<T> change) {
    writeLock.lock();
    try {
      T result = change.get();
      version++;
      return result;
    } finally {
      writeLock.unlock();
    }
  }

  Database db() {
    return db;
  }

  /** Bumped on every change; caches of derived data (scopes) compare it. */
  public long version() {
    return version;
  }

  public Optional<UserRecord> user(String name) {
    return Optional.ofNullable(usersByName.get(name));
  }

  public Optional<UserRecord> userByCookie(String cookieId) {
    return Optional.ofNullable(usersByCookie.get(cookieId));
  }

  /**
   * Every user, in creation order. The sorted list is kept until a user changes, so listing
   * 10,000 users does not sort; a list built while a change lands carries the older count and is
   * rebuilt by the next call.
   */
  public List<UserRecord> users() {
    long changes = userChanges.get();
    UsersById kept = usersById;
    if (kept.changes() != changes) {
      List<UserRecord> all = new ArrayList<>(usersByName.values());
      all.sort(Comparator.comparingLong(UserRecord::id));
      kept = new UsersById(changes, List.copyOf(all));
      usersById = kept;
    }
    return kept.users();
  }

  public int userCount() {
    return usersByName.size();
  }

  public Optional<GroupRecord> group(String name) {
    return Optional.ofNullable(groupsByName.get(name));
  }

  public List<GroupRecord> groups() {
    List<GroupRecord> all = new ArrayList<>(groupsByName.values());
    all.sort(Comparator.comparingLong(GroupRecord::id));
    return all;
  }

  public Set<String> groupsOf(String userName) {
    return groupsOfUser.getOrDefault(userName, Set.of());
  }

  public Optional<RoleRecord> role(String name) {
    return Optional.ofNullable(rolesByName.get(name));
  }

  public Collection<RoleRecord> roles() {
    return List.copyOf(rolesByName.values());
  }

  // ---- publishing after commit; only called under the writer lock ----

  /** Publishes a user; renames remove the old record first. */
  void replaceUser(UserRecord u) {
    usersByName.put(u.name(), u);
    usersByCookie.put(u.cookieId(), u);
    userChanges.incrementAndGet();
  }

  /** Loads a user another process created (e.g. {@code ganymede token}) when memory does not have it yet. */
  void adoptUser(String name) {
    if (usersByName.containsKey(name)) return;
    db.transaction(c -> UserRows.byName(c, name)).ifPresent(this::replaceUser);
  }

  void removeUser(UserRecord u) {
    usersByName.remove(u.name());
    usersByCookie.remove(u.cookieId());
    userChanges.incrementAndGet();
  }

  void reindexGroups() {
    Map<String, Set<String>> index = new java.util.HashMap<>();
    for (GroupRecord g : groupsByName.values()) {
      for (String m : g.members()) index.computeIfAbsent(m, k -> new java.util.TreeSet<>()).add(g.name());
    }
    index.replaceAll((k, v) -> Set.copyOf(v));
    groupsOfUser = Map.copyOf(index);
  }
}
