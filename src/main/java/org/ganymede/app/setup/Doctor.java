package org.ganymede.app.setup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ganymede.app.check.Finding;
import org.ganymede.app.check.Host;
import org.ganymede.app.check.SelinuxPolicy;
import org.ganymede.app.check.ShadowAccess;
import org.ganymede.app.check.Status;
import org.ganymede.app.check.SudoGrant;
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

  /**
   * Doctor's documented line: {@code PASS name: why} or {@code FAIL name: why: fix}. Doctor asks
   * whether the no-root path works; a WARN (it works, less hardened than it could be) is a PASS
   * here, its advice is {@code ganymede audit}'s.
   */
  static String line(Finding f) {
    return f.status() == Status.FAIL ? "FAIL " + f.check() + ": " + f.why() + (f.fix().isEmpty() ? "" : ": " + f.fix())
        : "PASS " + f.check() + ": " + f.why();
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
    boolean readsShadow = Host.run(List.of("runuser", "-u", l.serviceUser(), "--", "/usr/bin/test", "-r", "/etc/shadow")).ok();
    add(ShadowAccess.judge(l.serviceUser(), l.usePam(), Host.inGroup(l.serviceUser(), "shadow"), readsShadow));
    if (l.usePam()) {
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

  /** {@code sudo -l -U}: what sudo itself would allow, whichever file grants it. */
  private void sudoGrant() {
    Host.Run r = Host.run(List.of(l.sudo().toString(), "-l", "-U", l.serviceUser()));
    add(new SudoGrant(l.serviceUser(), l.usersGroup(), l.helper(), true)
        .judge("sudo -l -U " + l.serviceUser(), SudoGrant.fromSudoList(r.out())));
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
    return Host.groupMembers(l.usersGroup()).stream().findFirst();
  }

  private void selinux() {
    SelinuxPolicy.Mode mode = SelinuxPolicy.live();
    SelinuxPolicy.Module module = mode == SelinuxPolicy.Mode.ABSENT || mode == SelinuxPolicy.Mode.DISABLED
        ? SelinuxPolicy.Module.NOT_CHECKED
        : SelinuxPolicy.moduleLoaded() ? SelinuxPolicy.Module.LOADED : SelinuxPolicy.Module.MISSING;
    add(SelinuxPolicy.judge(mode, module, SetupFiles.selinuxCommands(l)));
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
