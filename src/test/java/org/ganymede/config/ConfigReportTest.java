package org.ganymede.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReportTest {
  @TempDir Path dir;

  @Test
  void showsEveryTraitOfTheClassesInUseWithItsOrigin() {
    LoadedConfig loaded = ConfigFiles.load(dir, "jupyterhub_config.py", """
        c.JupyterHub.port = 8443
        c.Spawner.cmd = ['jupyter-labhub']
        c.PAMAuthenticator.service = 'jupyterhub'
        c.DummyAuthenticator.password = 'x'
        """, List.of("--JupyterHub.hub_port=9081"), Map.of());
    String report = ConfigReport.render(loaded);
    String file = dir.resolve("jupyterhub_config.py").toString();
    assertThat(report)
        .contains("# Effective configuration (file " + file + ")")
        .contains("JupyterHub:\n")
        .contains("  port                         = 8443  # " + file + ":1")
        .contains("  hub_port                     = 9081  # CLI --JupyterHub.hub_port=9081")
        .contains("  ip                           = ''  # default")
        .contains("LocalProcessSpawner:\n")
        .contains("  cmd                          = ['jupyter-labhub']  # " + file + ":2 via Spawner")
        .contains("PAMAuthenticator:\n")
        .contains("  service                      = 'jupyterhub'  # " + file + ":3")
        .contains("ConfigurableHTTPProxy:\n")
        .contains("# Set, but for classes not in use (ignored):\n#   DummyAuthenticator.password  # " + file + ":4");
    TraitCatalogue catalogue = TraitCatalogue.jupyterHub();
    for (String className : loaded.classesInUse()) {
      for (String trait : catalogue.traitNames(className)) {
        assertThat(loaded.origins()).containsKey(className + "." + trait);
      }
    }
  }
}
