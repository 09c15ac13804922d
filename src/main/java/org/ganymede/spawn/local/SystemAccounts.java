package org.ganymede.spawn.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.ganymede.spawn.SpawnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Unix account a hub user's server runs as, created when missing if asked, and refused when
 * it is root or a system account.
 *
 * <p>A hub name becomes an account name through a template ({@code {USERNAME}} by default, as
 * SystemdSpawner's {@code username_template}; {@code jupyter-{USERNAME}} gives The Littlest
 * JupyterHub's layout). An account is created with {@code add_user_cmd} as JupyterHub's
 * {@code LocalAuthenticator.add_system_user} does: {@code USERNAME} replaced in each argument,
 * {@code --uid N} appended when {@code uids} names the user, then the account name.
 *
 * <p>System accounts are those with a uid outside {@code UID_MIN..UID_MAX} of
 * {@code /etc/login.defs} (www-data is 33, nobody 65534): with a shared or weak login in front, a
 * server as one of them hands its files and sockets over. They run a server only when named in the
 * allow-list; root never does.
 */
public final class SystemAccounts {
  private static final Logger log = LoggerFactory.getLogger(SystemAccounts.class);

  /** JupyterHub's default {@code add_user_cmd} on Linux. */
  public static final List<String> ADD_USER_CMD = List.of("adduser", "-q", "--gecos", "\"\"", "--disabled-password");

  /**
   * @param usernameTemplate the account name; {@code {USERNAME}} (or {@code {username}}) is the hub name
   * @param createMissing create a missing account when asked for it
   * @param addUserCmd the command that creates one
   * @param uids fixed uids by hub or account name, passed as {@code --uid}
   * @param allowedSystemUsers account names allowed to run servers although below UID_MIN or above UID_MAX
   * @param uidRange the ordinary uids, usually {@link UidRange#fromLoginDefs}
   * @param homes how to create a missing home for a server's account; empty leaves it to the launcher to refuse
   */
  public record Settings(String usernameTemplate, boolean createMissing, List<String> addUserCmd,
      Map<String, Integer> uids, Set<String> allowedSystemUsers, UidRange uidRange,
      Optional<HomeDirectories.Layout> homes) {
    public Settings {
      addUserCmd = List.copyOf(addUserCmd);
      uids = Map.copyOf(uids);
      allowedSystemUsers = Set.copyOf(allowedSystemUsers);
      if (!usernameTemplate.contains("{USERNAME}") && !usernameTemplate.contains("{username}")) {
        throw new IllegalArgumentException("the username template '" + usernameTemplate + "' must contain {USERNAME}");
      }
      if (createMissing && addUserCmd.isEmpty()) throw new IllegalArgumentException("add_user_cmd is empty");
    }

    /** Accounts named as hub users, none created, no system account allowed. */
    public static Settings defaults() {
      return new Settings("{USERNAME}", false, ADD_USER_CMD, Map.of(), Set.of(), UidRange.fromLoginDefs(),
          Optional.empty());
    }

    public Settings withUsernameTemplate(String template) {
      return new Settings(template, createMissing, addUserCmd, uids, allowedSystemUsers, uidRange, homes);
    }

    public Settings withCreation(boolean create, List<String> cmd, Map<String, Integer> fixedUids) {
      return new Settings(usernameTemplate, create, cmd, fixedUids, allowedSystemUsers, uidRange, homes);
    }

    public Settings withAllowedSystemUsers(Set<String> names) {
      return new Settings(usernameTemplate, createMissing, addUserCmd, uids, names, uidRange, homes);
    }

    /** {@code LocalProcessSpawner.create_home_directories}: make missing homes as pam_mkhomedir does. */
    public Settings withHomeDirectories(boolean create) {
      return new Settings(usernameTemplate, createMissing, addUserCmd, uids, allowedSystemUsers, uidRange,
          create ? Optional.of(HomeDirectories.Layout.fromLoginDefs()) : Optional.empty());
    }

    Settings withHomeLayout(HomeDirectories.Layout layout) {
      return new Settings(usernameTemplate, createMissing, addUserCmd, uids, allowedSystemUsers, uidRange,
          Optional.of(layout));
    }
  }

  /** The uids of ordinary (login) accounts. */
  public record UidRange(int min, int max, String source) {
    /** {@code UID_MIN}/{@code UID_MAX} of /etc/login.defs, or shadow's defaults 1000/60000. */
    public static UidRange fromLoginDefs() {
      return fromLoginDefs(Path.of("/etc/login.defs"));
    }

    static UidRange fromLoginDefs(Path file) {
      int min = 1000;
      int max = 60000;
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String[] f = line.strip().split("\\s+");
          if (f.length < 2 || !f[1].matches("\\d{1,9}")) continue;
          if (f[0].equals("UID_MIN")) min = Integer.parseInt(f[1]);
          if (f[0].equals("UID_MAX")) max = Integer.parseInt(f[1]);
        }
        return new UidRange(min, max, file.toString());
      } catch (IOException e) {
        return new UidRange(min, max, "defaults (" + file + " unreadable)");
      }
    }

    boolean contains(int uid) {
      return uid >= min && uid <= max;
    }
  }

  /**
   * Where account names come from when not from the template: e.g. the {@code uid} attribute of
   * the user's directory entry. May throw; the spawn then fails naming the user.
   */
  @FunctionalInterface
  public interface AccountNames {
    String accountName(String hubName);
  }

  private final Settings settings;
  private final Optional<AccountNames> names;

  public SystemAccounts(Settings settings) {
    this(settings, Optional.empty());
  }

  /** Accounts named by {@code names} instead of the template; every other rule stays. */
  public SystemAccounts(Settings settings, Optional<AccountNames> names) {
    this.settings = settings;
    this.names = names;
  }

  /**
   * The account name for a hub user, from the template or the configured source, checked to be a
   * name {@code getent}, {@code setpriv} and {@code add_user_cmd} take as one plain argument.
   *
   * @throws SpawnException when the source fails or gives an unusable name
   */
  public String accountName(String hubName) {
    String name;
    try {
      name = names.isPresent() ? names.get().accountName(hubName)
          : settings.usernameTemplate().replace("{USERNAME}", hubName).replace("{username}", hubName);
    } catch (SpawnException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SpawnException("cannot tell which Unix account user " + hubName + " runs as: " + e.getMessage(), e);
    }
    String problem = nameProblem(name);
    if (!problem.isEmpty()) {
      throw new SpawnException("user " + hubName + " maps to Unix account '" + name.replaceAll("\\p{Cntrl}", "?")
          + "', which " + problem);
    }
    return name;
  }

  /** Why {@code name} cannot be an account name given to getent and setpriv, or "". */
  static String nameProblem(String name) {
    if (name.isEmpty()) return "is empty";
    if (name.length() > 256) return "is longer than 256 characters";
    if (name.startsWith("-")) return "starts with '-'";
    if (name.equals(".") || name.equals("..")) return "is a path step";
    if (name.chars().anyMatch(c -> c == '/' || c == ':' || c == ',' || Character.isWhitespace(c)
        || Character.isISOControl(c))) {
      return "contains '/', ':', ',', white space or a control character";
    }
    return "";
  }

  /**
   * The account of {@code hubName}, created first when missing and creation is on (JupyterHub's
   * {@code LocalAuthenticator.add_user}); names the setting to turn on when it is off.
   *
   * @throws SpawnException naming the account and the failure
   */
  public void ensureExists(String hubName) {
    ensure(hubName);
  }

  UnixAccount ensure(String hubName) {
    String name = accountName(hubName);
    Optional<UnixAccount> found = UnixAccount.lookup(name);
    if (found.isPresent()) return found.get();
    if (!settings.createMissing()) {
      throw new SpawnException("no Unix account named " + name + " for user " + hubName
          + " (create it, or set LocalAuthenticator.create_system_users = True to create missing accounts)");
    }
    create(hubName, name);
    return UnixAccount.lookup(name).orElseThrow(() -> new SpawnException(
        "add_user_cmd reported success but there is still no Unix account named " + name));
  }

  /**
   * The account a server of {@code hubName} runs as: {@link #ensure}d, never root, and a system
   * account only when allowed — whichever way the name was found; then given a home when it has
   * none and {@code homes} says how.
   */
  UnixAccount forServer(String hubName, String server) {
    UnixAccount account = ensure(hubName);
    if (account.uid() == 0) {
      throw new SpawnException("refusing to run the server of " + server + " as root: Unix account "
          + account.name() + " has uid 0 (use an ordinary account)");
    }
    UidRange range = settings.uidRange();
    if (!range.contains(account.uid()) && !settings.allowedSystemUsers().contains(account.name())) {
      throw new SpawnException("refusing to run the server of " + server + " as system account "
          + account.name() + " (uid " + account.uid() + ", outside UID_MIN " + range.min() + " .. UID_MAX "
          + range.max() + " of " + range.source() + "); to allow it, add '" + account.name()
          + "' to LocalProcessSpawner.allowed_system_users");
    }
    // Only now, for an account that may run a server: never a home for root or a system account.
    settings.homes().ifPresent(layout ->
        HomeDirectories.ensure(account.name(), account.uid(), account.gid(), account.home(), layout));
    return account;
  }

  private void create(String hubName, String name) {
    List<String> cmd = new ArrayList<>();
    for (String arg : settings.addUserCmd()) cmd.add(arg.replace("USERNAME", name));
    Integer uid = settings.uids().getOrDefault(hubName, settings.uids().get(name));
    if (uid != null) cmd.addAll(List.of("--uid", Integer.toString(uid)));
    cmd.add(name);
    log.info("creating Unix account {} for user {}: {}", name, hubName, String.join(" ", cmd));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new SpawnException("add_user_cmd for " + name + " did not finish within 60 s: " + String.join(" ", cmd));
      }
      if (p.exitValue() != 0) {
        throw new SpawnException("failed to create Unix account " + name + " for user " + hubName + ": '"
            + String.join(" ", cmd) + "' exited with " + p.exitValue() + (out.isEmpty() ? "" : ": " + out));
      }
    } catch (IOException e) {
      throw new SpawnException("cannot run add_user_cmd '" + String.join(" ", cmd) + "': " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpawnException("interrupted while creating Unix account " + name, e);
    }
  }
}
