package org.ganymede.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTemplateTest {
  private static final Pattern PY_OPTION = Pattern.compile("(?m)^# (c\\.\\w+\\.\\w+ = .*)$");
  private static final Pattern YAML_OPTION = Pattern.compile("(?m)^  # (\\w+: .*)$");
  @TempDir Path dir;

  @Test
  void generatedPythonConfigLoadsToTheDefaults() {
    String text = ConfigTemplate.render(ConfigTemplate.Format.PYTHON);
    LoadedConfig loaded = ConfigFiles.load(dir, "jupyterhub_config.py", text, List.of(), Map.of());
    assertThat(loaded.config()).isEqualTo(HubConfig.defaults());
    assertThat(loaded.origins().values()).allSatisfy(o -> assertThat(o.source()).isEqualTo(Source.DEFAULT));
  }

  @Test
  void generatedPythonConfigWithEveryLineUncommentedStillLoadsToTheDefaults() {
    String text = ConfigTemplate.render(ConfigTemplate.Format.PYTHON);
    String uncommented = PY_OPTION.matcher(text).replaceAll("$1");
    LoadedConfig loaded = ConfigFiles.load(dir, "jupyterhub_config.py", uncommented, List.of(), Map.of());
    assertThat(loaded.config()).isEqualTo(HubConfig.defaults());
    assertThat(loaded.sourceOf("JupyterHub.port")).map(s -> s.kind()).contains(Source.Kind.FILE);
  }

  @Test
  void generatedYamlConfigLoadsToTheDefaultsCommentedAndUncommented() {
    String text = ConfigTemplate.render(ConfigTemplate.Format.YAML);
    assertThat(ConfigFiles.load(dir, "hub.yaml", text, List.of(), Map.of()).config()).isEqualTo(HubConfig.defaults());
    String uncommented = YAML_OPTION.matcher(text).replaceAll("  $1");
    LoadedConfig loaded = ConfigFiles.load(dir, "hub2.yaml", uncommented, List.of(), Map.of());
    assertThat(loaded.config()).isEqualTo(HubConfig.defaults());
    assertThat(loaded.sourceOf("Spawner.cmd")).map(s -> s.kind()).contains(Source.Kind.FILE);
  }

  @Test
  void everyTraitAppearsWithHelpAndItsDefault() {
    String text = ConfigTemplate.render(ConfigTemplate.Format.PYTHON);
    TraitCatalogue catalogue = TraitCatalogue.jupyterHub();
    for (String className : catalogue.classNames()) {
      for (Trait t : catalogue.declaredTraits(className)) {
        assertThat(text).contains("# c." + className + "." + t.name() + " = ").contains(t.help());
        t.unsupported().ifPresent(why -> assertThat(text).contains("## [only the default is accepted: " + why + "] "));
      }
    }
    assertThat(text).contains("# c.JupyterHub.port = 8000").contains("# c.Spawner.cmd = ['jupyterhub-singleuser']")
        .contains("# c.Authenticator.admin_users = set()").contains("# c.Spawner.disable_user_config = True")
        .contains("[0..65535]");
    String optionLines = PY_OPTION.matcher(text).results().map(m -> m.group(1)).collect(Collectors.joining("\n"));
    assertThat(optionLines.lines().count()).isGreaterThan(120);
  }
}
