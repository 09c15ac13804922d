package org.ganymede.app.setup;

import java.util.List;
import java.util.stream.Collectors;

/** The text of every file setup installs; each says who wrote it and why its lines are there. */
final class SetupFiles {
  private SetupFiles() {}

  /**
   * The launcher sudoers allows. It fixes the program, the code and the helper config, clears the
   * environment (JAVA_TOOL_OPTIONS could inject code), and accepts no argument but {@code --check}
   * and {@code --mkhomedir} (run as root: a missing home for a member of the users group, which
   * the launcher names, not the hub).
   */
  static String launcher(Layout l) {
    String java = "/usr/bin/env -i PATH=/usr/bin:/bin " + l.java() + " --enable-native-access=ALL-UNNAMED -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto"
        + " -cp '" + l.libDir() + "/*' org.ganymede.app.Main spawn-helper --config " + l.helperConfig();
    return """
        #!/bin/sh
        # Ganymede spawn helper launcher, installed by `ganymede setup`. Root-owned: sudoers lets the
        # hub user (%s) run exactly this file as members of %s, and as root with --mkhomedir
        # only. It takes no other arguments from the hub.
        case "$#:$1" in
          0:) exec %s ;;
          1:--check) exec %s --check ;;
          1:--mkhomedir) exec %s --mkhomedir --users-group %s ;;
          *) echo '{"error":"the spawn helper takes no arguments except --check and --mkhomedir"}'; exit 2 ;;
        esac
        """.formatted(l.serviceUser(), l.usersGroup(), java, java, java, l.usersGroup());
  }

  static String sudoers(Layout l) {
    return """
        # Installed by `ganymede setup`. The hub user %1$s may run only the spawn helper, only as
        # members of group %2$s, without a password. Add a user with: usermod -aG %2$s <user>
        # "" means no arguments; --check is what `ganymede doctor` runs. No I/O logging: with
        # internal TLS the server's private key travels on the helper's stdin.
        # --mkhomedir (as root) makes a missing home for a member of %2$s, for
        # LocalProcessSpawner.create_home_directories; nothing else runs as root.
        Defaults:%1$s !requiretty, !log_input, !log_output
        %1$s ALL=(%%%2$s) NOPASSWD: %3$s "", %3$s --check
        %1$s ALL=(root) NOPASSWD: %3$s --mkhomedir
        """.formatted(l.serviceUser(), l.usersGroup(), l.helper());
  }

  /** Debian's login service adds pam_faildelay (3 s) and session modules a hub does not want. */
  static String pamService() {
    return """
        # Installed by `ganymede setup`: password check and account check only (no faildelay, no session).
        @include common-auth
        @include common-account
        """;
  }

  static String helperConfig(Layout l) {
    return """
        {
          "cmd": ["%s"],
          "args": [],
          "env_allow": ["LANG", "LC_ALL"],
          "path": "/usr/local/bin:/usr/bin:/bin"
        }
        """.formatted(l.singleUserCmd());
  }

  static String hubConfig(Layout l) {
    return """
        # Written by `ganymede setup`; edit freely (setup does not overwrite a changed file).
        c.JupyterHub.authenticator_class = 'pam'
        c.PAMAuthenticator.service = '%s'
        c.LocalAuthenticator.allowed_groups = {'%s'}
        c.JupyterHub.spawner_class = 'sudo'
        c.SudoSpawner.helper_path = '%s'
        c.SudoSpawner.users_group = '%s'
        c.JupyterHub.port = %d
        c.JupyterHub.cookie_secret_file = '%s'
        c.JupyterHub.db_url = 'sqlite:///%s'
        """.formatted(l.pamService(), l.usersGroup(), l.helper(), l.usersGroup(), l.hubPort(), l.cookieSecret(),
        l.dataDir().resolve("jupyterhub.sqlite"));
  }

  /**
   * NoNewPrivileges stays off: sudo is setuid root and the kernel ignores setuid under no_new_privs,
   * so the hub could start no server. The other options confine the hub without touching sudo.
   */
  static String systemdUnit(Layout l) {
    return """
        # Installed by `ganymede setup`. Start with: systemctl daemon-reload && systemctl enable --now %5$s
        [Unit]
        Description=Ganymede multi-user Jupyter hub
        After=network-online.target
        Wants=network-online.target

        [Service]
        User=%1$s
        Group=%1$s
        WorkingDirectory=%2$s
        EnvironmentFile=%3$s
        ExecStart=%4$s --enable-native-access=ALL-UNNAMED -cp '%6$s/*' org.ganymede.app.Main -f %7$s
        Restart=on-failure
        # NoNewPrivileges must stay off: sudo (setuid root) cannot raise privileges under it, and the
        # hub starts every server through sudo. Hardening that leaves setuid working:
        NoNewPrivileges=no
        ProtectSystem=full
        ProtectHome=read-only
        PrivateTmp=yes
        PrivateDevices=yes
        ProtectKernelTunables=yes
        ProtectKernelModules=yes
        ProtectControlGroups=yes
        RestrictRealtime=yes
        LockPersonality=yes
        ReadWritePaths=%2$s
        UMask=0077

        [Install]
        WantedBy=multi-user.target
        """.formatted(l.serviceUser(), l.dataDir(), l.proxyTokenFile(), l.java(),
        l.unitFile().getFileName(), l.helperDir().resolve("lib"), l.hubConfig());
  }

  /** From the CentOS/SELinux report: let confined service domains run sudo and PAM's checker. */
  static String selinuxModule() {
    return """
        module ganymede 1.0;

        require {
          type unconfined_t;
          type unconfined_service_t;
          type sudo_exec_t;
          type chkpwd_exec_t;
          class file { read execute entrypoint };
          class process transition;
        }

        allow unconfined_t sudo_exec_t:file entrypoint;
        allow unconfined_t chkpwd_exec_t:file entrypoint;
        allow unconfined_service_t unconfined_t:process transition;
        """;
  }

  static List<String> selinuxCommands(Layout l) {
    String dir = l.selinuxSource().getParent().toString();
    return List.of("checkmodule -M -m -o " + dir + "/ganymede.mod " + l.selinuxSource(),
        "semodule_package -o " + dir + "/ganymede.pp -m " + dir + "/ganymede.mod",
        "semodule -i " + dir + "/ganymede.pp");
  }

  static String firewallHint(Layout l) {
    return List.of(
        "To serve on 443 while the hub listens on " + l.hubPort() + " as an unprivileged user, forward the port:",
        "  firewalld: firewall-cmd --permanent --add-forward-port=port=443:proto=tcp:toport=" + l.hubPort()
            + " && firewall-cmd --reload",
        "  nftables:  nft add rule ip nat prerouting tcp dport 443 redirect to :" + l.hubPort(),
        "  iptables:  iptables -t nat -A PREROUTING -p tcp --dport 443 -j REDIRECT --to-ports " + l.hubPort())
        .stream().collect(Collectors.joining("\n"));
  }
}
