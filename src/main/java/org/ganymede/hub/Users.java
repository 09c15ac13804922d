package org.ganymede.hub;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ganymede.http.HttpException;
import org.ganymede.model.UserName;
import org.ganymede.store.GroupRecord;
import org.ganymede.store.GroupRows;
import org.ganymede.store.RoleRows;
import org.ganymede.store.ServerRows;
import org.ganymede.store.TokenRows;
import org.ganymede.store.UserRecord;
import org.ganymede.store.UserRows;

/** Creating, renaming, promoting and deleting users; each change is one transaction. */
public final class Users {
  /**
   * What happens outside the hub when it gains a user through the API or a first login
   * (JupyterHub's {@code Authenticator.add_user}): for PAM, the Unix account must exist or is
   * created ({@code LocalAuthenticator.create_system_users}). Throws with a message saying why the
   * user cannot be added; the hub then adds nothing.
   */
  @FunctionalInterface
  public interface AccountHook {
    void userAdded(String name);

    static AccountHook none() {
      return name -> {};
    }
  }

  private final Directory dir;
  private final Tokens tokens;
  private final Clock clock;
  private final AccountHook accounts;

  public Users(Directory dir, Tokens tokens, Clock clock) {
    this(dir, tokens, clock, AccountHook.none());
  }

  public Users(Directory dir, Tokens tokens, Clock clock, AccountHook accounts) {
    this.dir = dir;
    this.tokens = tokens;
    this.clock = clock;
    this.accounts = accounts;
  }

  /** Runs the account hook outside the writer lock (adduser takes seconds); its failure is a 400 naming the user. */
  private void addAccount(String name) {
    try {
      accounts.userAdded(name);
    } catch (HttpException e) {
      throw e;
    } catch (RuntimeException e) {
      throw HttpException.badRequest("Failed to create user " + UserName.shorten(name) + ": " + e.getMessage());
    }
  }

  public Optional<UserRecord> get(String name) {
    return dir.user(name);
  }

  public UserRecord require(String name) {
    return dir.user(name).orElseThrow(() -> HttpException.notFound("No such user: " + UserName.shorten(name)));
  }

  /**
   * Creates the users of {@code names} that do not exist yet, in one transaction.
   *
   * @throws HttpException 400 naming invalid names, 409 when every user already exists
   */
  public List<UserRecord> create(List<String> names, boolean admin) {
    if (names.isEmpty()) throw HttpException.badRequest("Must specify at least one user to create");
    List<String> invalid = names.stream().filter(n -> !UserName.isValid(n)).map(UserName::shorten).toList();
    if (!invalid.isEmpty()) {
      throw HttpException.badRequest("Invalid usernames: " + invalid + "; " + UserName.problem(
          names.stream().filter(n -> !UserName.isValid(n)).findFirst().orElseThrow()));
    }
    Set<String> wanted = new LinkedHashSet<>(names);
    wanted.stream().filter(n -> dir.user(n).isEmpty()).forEach(this::addAccount);
    return dir.write(() -> {
      List<String> missing = wanted.stream().filter(n -> dir.user(n).isEmpty()).toList();
      if (missing.isEmpty()) throw HttpException.conflict("All " + wanted.size() + " users already exist");
      Instant now = clock.instant();
      List<UserRecord> created = dir.db().transaction(c -> {
        List<UserRecord> out = new ArrayList<>(missing.size());
        for (String n : missing) out.add(UserRows.insert(c, n, admin, now, Tokens.newSecret()));
        return out;
      });
      created.forEach(dir::replaceUser);
      return created;
    });
  }

  /** Returns the user, creating it first when missing (logins, config users). */
  public UserRecord ensure(String name) {
    return dir.user(name).orElseGet(() -> dir.write(() -> dir.user(name).orElseGet(() -> {
      UserRecord u = dir.db().transaction(c -> UserRows.insert(c, name, false, clock.instant(),
          Tokens.newSecret()));
      dir.replaceUser(u);
      return u;
    })));
  }

  /** A login: a user new to the hub gets its account first (the {@link AccountHook}), then {@link #applyLogin}. */
  public UserRecord login(String name, boolean admin) {
    if (dir.user(name).isEmpty()) addAccount(name);
    return applyLogin(name, admin);
  }

  /**
   * Records a successful login in one transaction: creates the user when new, and grants admin
   * when the login says so (admin_users only ever grants; it never revokes).
   */
  public UserRecord applyLogin(String name, boolean admin) {
    return dir.write(() -> {
      Optional<UserRecord> existing = dir.user(name);
      if (existing.isPresent() && (existing.get().admin() || !admin)) return existing.get();
      UserRecord u = dir.db().transaction(c -> {
        if (existing.isPresent()) {
          UserRecord promoted = existing.get().withAdmin(true);
          UserRows.update(c, promoted);
          return promoted;
        }
        return UserRows.insert(c, name, admin, clock.instant(), Tokens.newSecret());
      });
      dir.replaceUser(u);
      return u;
    });
  }

  public UserRecord setAdmin(String name, boolean admin) {
    return dir.write(() -> {
      UserRecord u = require(name);
      if (u.admin() == admin) return u;
      UserRecord changed = u.withAdmin(admin);
      dir.db().transaction(c -> {
        UserRows.update(c, changed);
        return null;
      });
      dir.replaceUser(changed);
      return changed;
    });
  }

  /** Renames a user with everything that refers to it by name (tokens, roles, groups). */
  public UserRecord rename(String oldName, String newName) {
    String problem = UserName.problem(newName);
    if (!problem.isEmpty()) throw HttpException.badRequest(problem);
    return dir.write(() -> {
      UserRecord u = require(oldName);
      if (oldName.equals(newName)) return u;
      if (dir.user(newName).isPresent()) {
        throw HttpException.badRequest("User " + newName + " already exists, username must be unique");
      }
      UserRecord renamed = u.withName(newName);
      dir.db().transaction(c -> {
        UserRows.update(c, renamed);
        TokenRows.renameOwner(c, oldName, newName);
        RoleRows.renameMember(c, "user", oldName, newName);
        return null;
      });
      dir.removeUser(u);
      dir.replaceUser(renamed);
      tokens.renameOwner(oldName, newName);
      reloadGroupsAndRoles();
      return renamed;
    });
  }

  /** Deletes a user, its tokens, servers, memberships and role assignments. */
  public void delete(String name) {
    dir.write(() -> {
      UserRecord u = require(name);
      dir.db().transaction(c -> {
        TokenRows.deleteOwnedBy(c, "user", name);
        RoleRows.removeMember(c, "user", name);
        for (GroupRecord g : dir.groups()) {
          if (g.members().contains(name)) GroupRows.removeMember(c, g.id(), u.id());
        }
        ServerRows.delete(c, u.id(), "");
        UserRows.delete(c, u.id());
        return null;
      });
      dir.removeUser(u);
      tokens.forgetOwner("user", name);
      reloadGroupsAndRoles();
      return null;
    });
  }

  /** Records activity reported by a server or a request; never moves backwards. */
  public void recordActivity(String name, Instant when) {
    recordActivity(java.util.Map.of(name, when));
  }

  /**
   * Moves each user's last activity forward to its time, in one transaction; users that are gone
   * or already have a newer time are left alone.
   */
  public void recordActivity(java.util.Map<String, Instant> times) {
    if (times.isEmpty()) return;
    dir.write(() -> {
      List<UserRecord> changed = new ArrayList<>();
      times.forEach((name, when) -> dir.user(name)
          .filter(u -> u.lastActivity().map(when::isAfter).orElse(true))
          .ifPresent(u -> changed.add(u.withLastActivity(when))));
      if (changed.isEmpty()) return null;
      dir.db().transaction(c -> {
        for (UserRecord u : changed) UserRows.update(c, u);
        return null;
      });
      changed.forEach(dir::replaceUser);
      return null;
    });
  }

  private void reloadGroupsAndRoles() {
    dir.reload();
  }
}
