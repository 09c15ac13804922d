package org.ganymede.app.setup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ganymede.app.audit.Finding;
import org.ganymede.app.audit.Status;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ganymede doctor}: checks the no-root path end to end, one line per check, each failure
 * with its fix. Exit status 0 all pass, 1 something fails, 2 cannot check (not root).
 */
public final class Doctor {
  private final Layout l;
  private final Optional<String> member;
  private final List<Finding> checks = new ArrayList<>();

  private Doctor(Layout layout, Optional<String> member) {
    this.l = layout;
    this.member = member;
  }

  public static int run(Layout layout, Optional<String> member, PrintStream out) {
    if (!Host.isRoot()) {
      out.println("ganymede doctor must run as root (it asks sudo -l -U and runs the helper as the service user)");
      return 2;
    }
    Doctor d = new Doctor(layout, member);
    d.checkAll();
    d.checks.forEach(c -> out.println(line(c)));
    long failed = d.checks.stream().filter(c -> c.status() == Status.FAIL).count();
    out.println(failed == 0 ? "all " + d.checks.size() + " checks pass" : failed + " of " + d.checks.size() + " checks fail");
    return failed == 0 ? 0 : 1;
  }

  /** Doctor's documented line: {@code PASS name: why} or {@code FAIL name: why: fix}. */
  static String line(Finding f) {
    return f.status() + " " + f.check() + ": " + f.why() + (f.fix().isEmpty() ? "" : ": " + f.fix());
  }

  private void add(Finding finding) {
    checks.add(finding);
  }

  /** A check that passes or fails: what was found either way, and the fix when it fails. */
  private void add(String name, boolean pass, String passed, String failed, String fix) {
    checks.add(pass ? Finding.pass(name, passed) : Finding.fail(name, failed, fix));
  }

  private void checkAll() {
    boolean sudo = Files.isExecutable(l.sudo());
    add("sudo", sudo, l.sudo() + " is installed", l.sudo() + " is missing", "apt-get install sudo");
    sudoMount();
    add("service user", Host.userExists(l.serviceUser()), l.serviceUser() + " exists", l.serviceUser() + " is missing",
        "run ganymede setup");
    sudoersFile();
    sudoGrant();
    helperOwnership();
    helperRuns();
    if (l.usePam()) {
      Host.Run r = Host.run(List.of("runuser", "-u", l.serviceUser(), "--", "/usr/bin/test", "-r", "/etc/shadow"));
      add("shadow", r.ok(), l.serviceUser() + " can read /etc/shadow for PAM",
          l.serviceUser() + " cannot read /etc/shadow, so PAM refuses every other user", "usermod -aG shadow " + l.serviceUser());
      boolean pam = Files.isRegularFile(l.pamFile());
      add("PAM service", pam, l.pamFile() + " is present", l.pamFile() + " is missing, PAM would fall back to 'other'",
          "run ganymede setup");
    }
    selinux();
    singleUserCommand();
  }

  private void sudoMount() {
    Host.Run r = Host.run(List.of("findmnt", "-n", "-o", "OPTIONS", "-T", l.sudo().toString()));
    boolean nosuid = r.ok() && List.of(r.out().split(",")).contains("nosuid");
    add(!r.ok() ? Finding.fail("sudo mount", "findmnt failed: " + r.out(), "")
        : nosuid ? Finding.fail("sudo mount", l.sudo() + " is on a nosuid mount, so sudo cannot become root",
            "install sudo on a mount without nosuid")
        : Finding.pass("sudo mount", l.sudo() + " is on a mount without nosuid"));
    Path existing = l.helperDir();
    while (existing.getParent() != null && !Files.exists(existing)) existing = existing.getParent();
    Host.Run h = Host.run(List.of("findmnt", "-n", "-o", "OPTIONS", "-T", existing.toString()));
    boolean bad = h.ok() && (List.of(h.out().split(",")).contains("noexec") || List.of(h.out().split(",")).contains("nosuid"));
    add(!h.ok() ? Finding.fail("helper mount", "findmnt failed: " + h.out(), "")
        : bad ? Finding.fail("helper mount", l.helperDir() + " is on a nosuid/noexec mount (" + h.out() + ")",
            "install the helper under /usr/local/lib")
        : Finding.pass("helper mount", l.helperDir() + " is on a mount without nosuid/noexec"));
  }

  private void sudoersFile() {
    Optional<Host.Attrs> a = Host.attrs(l.sudoersFile());
    if (a.isEmpty()) {
      add(Finding.fail("sudoers file", l.sudoersFile() + " is missing, so the hub cannot start servers", "run ganymede setup"));
      return;
    }
    Host.Run v = Host.run(List.of(Host.which("visudo").map(Path::toString).orElse("visudo"), "-cf", l.sudoersFile().toString()));
    boolean ok = a.get().uid() == 0 && a.get().mode() == 0440 && v.ok();
    add("sudoers file", ok, l.sudoersFile() + " is valid, root-owned, 0440",
        l.sudoersFile() + " (mode " + a.get().modeText() + ", uid " + a.get().uid() + ", visudo: " + v.out() + ")",
        "chown root:root, chmod 0440, or run ganymede setup again");
  }

  /** {@code sudo -l -U}: the grant must exist and name nothing but the helper. */
  private void sudoGrant() {
    Host.Run r = Host.run(List.of(l.sudo().toString(), "-l", "-U", l.serviceUser()));
    List<String> commands = new ArrayList<>();
    boolean listing = false;
    for (String line : r.out().lines().toList()) {
      if (line.contains("may run the following commands")) {
        listing = true;
      } else if (listing && !line.isBlank()) {
        String body = line.strip().replaceFirst("^\\([^)]*\\)\\s*", "").replaceFirst("^([A-Z_]+:\\s*)+", "");
        for (String c : body.split(",\\s*")) commands.add(c.strip());
      }
    }
    if (commands.isEmpty()) {
      add(Finding.fail("sudo grant", l.serviceUser() + " may run nothing through sudo (" + firstLine(r.out()) + ")",
          "run ganymede setup, check " + l.sudoersFile() + " and that /etc/sudoers has @includedir /etc/sudoers.d"));
      return;
    }
    List<String> wider = commands.stream().filter(c -> !c.startsWith(l.helper().toString() + " ")
        && !c.equals(l.helper().toString())).toList();
    add("sudo grant", wider.isEmpty(), l.serviceUser() + " may run only " + l.helper() + " through sudo",
        l.serviceUser() + " may also run " + wider + " through sudo", "remove those rules, the hub needs only the helper");
  }

  private void helperOwnership() {
    List<String> problems = new ArrayList<>();
    for (Path p : List.of(l.helper(), l.helperDir(), l.helperDir().resolve("lib"), l.helperConfig())) {
      Optional<Host.Attrs> a = Host.attrs(p);
      if (a.isEmpty()) problems.add(p + " is missing");
      else if (a.get().uid() != 0 || a.get().writableByOthers()) {
        problems.add(p + " (uid " + a.get().uid() + ", mode " + a.get().modeText() + ")");
      }
    }
    for (Path p = l.helperDir().getParent(); p != null; p = p.getParent()) {
      Optional<Host.Attrs> a = Host.attrs(p);
      if (a.isPresent() && (a.get().uid() != 0 || a.get().writableByOthers())) {
        problems.add(p + " (uid " + a.get().uid() + ", mode " + a.get().modeText() + ")");
      }
    }
    try (var jars = Files.list(l.helperDir().resolve("lib"))) {
      jars.forEach(j -> Host.attrs(j).filter(a -> a.uid() != 0 || a.writableByOthers())
          .ifPresent(a -> problems.add(j + " (uid " + a.uid() + ", mode " + a.modeText() + ")")));
    } catch (IOException e) {
      // reported above as missing
    }
    add("helper ownership", problems.isEmpty(),
        "the helper, its code, its config and their directories are root-owned and not writable by others",
        "the helper could be replaced by others, giving them every member's account: " + String.join("; ", problems),
        "chown root:root and chmod go-w each, or run ganymede setup again");
  }

  /** The real path: as the service user, sudo -n -u member helper --check, no password. */
  private void helperRuns() {
    Optional<String> who = member.or(this::firstMember);
    if (who.isEmpty()) {
      add(Finding.fail("helper run", "group " + l.usersGroup() + " has no member to try with",
          "usermod -aG " + l.usersGroup() + " <user>, or pass --member"));
      return;
    }
    Host.Run r = Host.run(List.of("runuser", "-u", l.serviceUser(), "--", l.sudo().toString(), "-n", "-u", who.get(),
        l.helper().toString(), "--check"));
    Optional<JsonNode> reply = json(r.out());
    boolean ok = r.ok() && reply.map(n -> n.path("ok").asBoolean(false) && who.get().equals(n.path("user").asString(""))).orElse(false);
    add("helper run", ok, l.serviceUser() + " ran the helper as " + who.get() + " without a password",
        l.serviceUser() + " cannot run the helper as " + who.get() + " (" + firstLine(r.out()) + ")",
        "check that " + who.get() + " is in " + l.usersGroup() + " and run ganymede setup again");
  }

  private Optional<String> firstMember() {
    Host.Run r = Host.run(List.of("getent", "group", l.usersGroup()));
    if (!r.ok()) return Optional.empty();
    String[] f = r.out().split(":", -1);
    return f.length >= 4 && !f[3].isBlank() ? Optional.of(f[3].split(",")[0].strip()) : Optional.empty();
  }

  private void selinux() {
    Optional<Path> getenforce = Host.which("getenforce");
    if (getenforce.isEmpty()) {
      add(Finding.pass("SELinux", "not present"));
      return;
    }
    String mode = Host.run(List.of(getenforce.get().toString())).out().strip();
    if (!mode.equals("Enforcing")) {
      add(Finding.pass("SELinux", mode));
      return;
    }
    boolean loaded = Host.run(List.of("semodule", "-l")).out().lines().anyMatch(s -> s.startsWith("ganymede"));
    add("SELinux", loaded, "Enforcing, module ganymede loaded", "Enforcing and module ganymede is not loaded",
        String.join(" && ", SetupFiles.selinuxCommands(l)));
  }

  private void singleUserCommand() {
    Path cmd;
    try {
      JsonNode config = JsonMapper.builder().build().readTree(Files.readString(l.helperConfig()));
      cmd = Path.of(config.path("cmd").path(0).asString(""));
    } catch (java.nio.file.NoSuchFileException e) {
      add(Finding.fail("single-user command", l.helperConfig() + " is missing", "run ganymede setup"));
      return;
    } catch (IOException | RuntimeException e) {
      add(Finding.fail("single-user command", "cannot read " + l.helperConfig() + ": " + e.getMessage(), "run ganymede setup"));
      return;
    }
    Path real;
    try {
      real = cmd.toRealPath();
    } catch (IOException e) {
      add(Finding.fail("single-user command", cmd + " is missing",
          "install it (pip install jupyterhub jupyterlab) or fix " + l.helperConfig()));
      return;
    }
    List<String> problems = new ArrayList<>();
    // A link's own mode bits mean nothing; what counts is who owns it and the file and directories behind it.
    List<Path> checked = new ArrayList<>(List.of(cmd.toAbsolutePath().getParent(), real, real.getParent()));
    if (!Files.isSymbolicLink(cmd)) checked.add(cmd);
    Host.attrs(cmd).filter(a -> a.uid() != 0).ifPresent(a -> problems.add(cmd + " (uid " + a.uid() + ")"));
    for (Path p : checked) {
      Host.attrs(p).filter(a -> a.uid() != 0 || a.writableByOthers())
          .ifPresent(a -> problems.add(p + " (uid " + a.uid() + ", mode " + a.modeText() + ")"));
    }
    boolean ok = Files.isExecutable(real) && problems.isEmpty();
    add("single-user command", ok, cmd + " is installed and writable only by root",
        cmd + " is not executable or users can change it: " + String.join("; ", problems), "chown root, chmod go-w");
  }

  private static Optional<JsonNode> json(String text) {
    int start = text.indexOf('{');
    if (start < 0) return Optional.empty();
    try {
      return Optional.of(JsonMapper.builder().build().readTree(text.substring(start)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse("no output");
  }
}
