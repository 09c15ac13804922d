package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.ganymede.http.Json;
import org.junit.jupiter.api.Test;

/** {@code ganymede audit} as a subcommand: JSON on stdout, exit code from the worst finding. */
class AuditCommandTest {
  @Test
  void auditPrintsOneJsonEntryPerCheckAndFailsOnAnInsecureConfig() throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = Main.run("audit", "--json", "--Spawner.disable_user_config=False", "--JupyterHub.admin_access=True");
    } finally {
      System.setOut(old);
    }
    assertThat(code).isEqualTo(2);
    var doc = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(doc.get("exit_code").asInt()).isEqualTo(2);
    assertThat(doc.get("checks").size()).isEqualTo(18);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"check\" : \"disable-user-config\"", "\"status\" : \"FAIL\"");
  }
}
