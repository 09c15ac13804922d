package org.ganymede.app.audit;

import java.nio.file.Files;
import java.util.List;
import org.ganymede.app.check.Finding;
import org.ganymede.app.check.SudoGrant;
import org.ganymede.config.SpawnerKind;
import org.ganymede.spawn.sudo.SudoSpawner;

/** {@link SudoGrant} read from Ganymede's sudoers file; required when the hub spawns through sudo. */
final class SudoGrantCheck implements Check {
  public String id() { return SudoGrant.ID; }

  public Finding run(AuditContext c) {
    var file = c.host().sudoersFile();
    var spawner = c.config().spawner();
    var expected = new SudoGrant(c.host().userName(), spawner.usersGroup(),
        SudoSpawner.Options.defaults().withHelper(spawner.helperPath()).helper(), spawner.kind() == SpawnerKind.SUDO);
    try {
      List<String> granted = Files.exists(file) ? SudoGrant.fromSudoers(Files.readAllLines(file)) : List.of();
      return expected.judge(file.toString(), granted);
    } catch (java.io.IOException e) {
      return Finding.warn(id(), "cannot read " + file + ": " + e.getMessage(), "run the audit as root to check the sudo grant.");
    }
  }
}
