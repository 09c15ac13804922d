package org.ganymede.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Spawner.profiles}: read into typed profiles, and every mistake named by position and key at load. */
class SpawnerProfilesConfigTest {
  @TempDir Path dir;

  private List<String> problems(String pyConfig) {
    try {
      ConfigFiles.load(dir, "jupyterhub_config.py", pyConfig);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("config was accepted: " + pyConfig);
  }

  @Test
  void profilesAreReadWithTheirOverridesOptionsAndChoices() {
    HubConfig c = ConfigFiles.py(dir, """
        c.Spawner.profiles = [
          {'display_name': 'Small Python', 'description': 'One core',
           'spawner_override': {'cmd': 'my-singleuser', 'environment': {'SIZE': 'small'}, 'mem_limit': '1G'}},
          {'display_name': 'Big', 'slug': 'big', 'default': True,
           'spawner_override': {'args': ['--debug'], 'default_url': '/lab', 'cpu_limit': 4},
           'profile_options': {'image': {'display_name': 'Image', 'choices': {
              'py': {'display_name': 'Python'},
              'r': {'display_name': 'R', 'default': True, 'spawner_override': {'environment': {'LANG_KIND': 'r'}}}}}}},
        ]
        """);
    List<ProfileSpec> profiles = c.spawner().profiles();
    assertThat(profiles).extracting(ProfileSpec::slug).containsExactly("small-python", "big");
    ProfileSpec small = profiles.get(0);
    assertThat(small.description()).isEqualTo("One core");
    assertThat(small.override().cmd()).contains(List.of("my-singleuser"));
    assertThat(small.override().environment()).contains(Map.of("SIZE", "small"));
    assertThat(small.override().memLimit()).contains(1L << 30);
    assertThat(small.override().args()).isEmpty();
    ProfileSpec big = profiles.get(1);
    assertThat(big.isDefault()).isTrue();
    assertThat(big.override().cpuLimit()).contains(4.0);
    assertThat(big.override().defaultUrl()).contains("/lab");
    ProfileSpec.OptionSpec image = big.options().get("image");
    assertThat(image.choices().keySet()).containsExactly("py", "r");
    assertThat(image.choices().get("r").isDefault()).isTrue();
    assertThat(image.choices().get("r").override().environment()).contains(Map.of("LANG_KIND", "r"));
    assertThat(image.choices().get("py").override().environment()).isEqualTo(Optional.empty());
  }

  @Test
  void anOverrideOfASettingProfilesMayNotChangeIsRefusedNamingItsPositionAndKey() {
    assertThat(problems("c.Spawner.profiles = [{'display_name': 'A'}, "
        + "{'display_name': 'B', 'spawner_override': {'notebook_dir': '/srv'}}]\n"))
        .singleElement().asString()
        .contains("Spawner.profiles[1].spawner_override: 'notebook_dir' cannot be overridden by a profile")
        .contains("a profile may override: cmd, args, environment, default_url, mem_limit, cpu_limit");
  }

  @Test
  void aChoiceOverrideIsCheckedLikeAProfileOverride() {
    assertThat(problems("c.Spawner.profiles = [{'display_name': 'A', 'profile_options': {'size': {"
        + "'display_name': 'Size', 'choices': {'xl': {'display_name': 'XL', 'spawner_override': {'mem_limit': 'lots'}}}}}}]\n"))
        .singleElement().asString()
        .contains("Spawner.profiles[0].profile_options['size'].choices['xl'].spawner_override.mem_limit must be")
        .contains("got 'lots'");
  }

  @Test
  void anEnvironmentVariableNameNoProcessCouldCarryIsRefusedAtLoadNotAtSpawn() {
    assertThat(problems("c.Spawner.profiles = [{'display_name': 'A', 'spawner_override': {'environment': {'A=B': 'x'}}}]\n"))
        .singleElement().asString()
        .contains("Spawner.profiles[0].spawner_override.environment: invalid variable name 'A=B'");
  }

  @Test
  void kubespawnerOverrideIsPointedAtItsLocalName() {
    assertThat(problems("c.Spawner.profiles = [{'display_name': 'A', 'kubespawner_override': {'image': 'x'}}]\n"))
        .singleElement().asString()
        .contains("Spawner.profiles[0]: 'kubespawner_override' is KubeSpawner's; local spawners read 'spawner_override'");
  }

  @Test
  void unknownKeysMissingNamesDuplicateSlugsAndTwoDefaultsAreEachNamed() {
    List<String> problems = problems("""
        c.Spawner.profiles = [
          {'display_name': 'A', 'slug': 'a', 'default': True},
          {'slug': 'b'},
          {'display_name': 'A again', 'slug': 'a', 'default': True},
          {'display_name': 'C', 'descripton': 'typo'},
          {'display_name': 'D', 'profile_options': {'size': {'display_name': 'Size', 'choices': {}}}},
          'not a dict',
        ]
        """);
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .contains("Spawner.profiles[3]: unknown key 'descripton'; did you mean 'description'?"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .contains("Spawner.profiles[1]: missing required key 'display_name'"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .contains("Spawner.profiles[2]: slug 'a' is used twice"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .contains("Spawner.profiles: 2 profiles say 'default': True; at most one may"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .contains("Spawner.profiles[4].profile_options['size'].choices must offer at least one choice"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .contains("Spawner.profiles[5] must be a dict, got 'not a dict'"));
  }

  @Test
  void slugsThatWouldBreakFormFieldNamesAreRefused() {
    assertThat(problems("c.Spawner.profiles = [{'display_name': 'A', 'slug': 'a--b'}]\n"))
        .singleElement().asString().contains("Spawner.profiles[0].slug must be letters, digits");
  }
}
