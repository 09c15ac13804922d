package org.ganymede.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.spawn.ServerLaunch;
import org.junit.jupiter.api.Test;

class SpawnProfilesTest {
  static final SpawnProfiles.Overrides NONE = SpawnProfiles.Overrides.none();
  static final SpawnProfiles PROFILES = new SpawnProfiles(List.of(
      new SpawnProfiles.Profile("plain", "Plain", "", false, NONE, List.of()),
      new SpawnProfiles.Profile("gpu", "GPU", "", true,
          new SpawnProfiles.Overrides(Optional.of(List.of("gpu-singleuser")), Optional.empty(),
              Optional.of(Map.of("KIND", "gpu", "SIZE", "none")), Optional.of("/lab"), Optional.of(1024L), Optional.empty()),
          List.of(new SpawnProfiles.Option("size", "Size", List.of(
              new SpawnProfiles.Choice("s", "Small", false, NONE),
              new SpawnProfiles.Choice("l", "Large", true, new SpawnProfiles.Overrides(Optional.empty(),
                  Optional.of(List.of("--big")), Optional.of(Map.of("SIZE", "l")), Optional.empty(), Optional.of(4096L),
                  Optional.of(2.0)))))))));

  @Test
  void noOptionsPickTheDefaultProfileAndItsDefaultChoices() {
    SpawnProfiles.Selection s = PROFILES.select(Map.of()).orElseThrow();
    assertThat(s.describe()).isEqualTo("GPU (Size: Large)");
  }

  @Test
  void withoutProfilesNothingIsSelectedAndTheFormPassesThrough() {
    assertThat(SpawnProfiles.none().select(Map.of("profile", "x"))).isEmpty();
    Map<String, Object> form = Map.of("profile-option-a--b", List.of("c"));
    assertThat(SpawnProfiles.none().fromForm(form)).isSameAs(form);
  }

  @Test
  void theFormKeepsOnlyThePickedProfilesOptionsByOptionNameAsKubeSpawnerDoes() {
    Map<String, Object> form = new java.util.LinkedHashMap<>();
    form.put("profile", List.of("gpu"));
    form.put("profile-option-gpu--size", List.of("s"));
    form.put("profile-option-plain--size", List.of("l"));
    form.put("extra", List.of("kept"));
    assertThat(PROFILES.fromForm(form)).containsExactly(Map.entry("profile", "gpu"), Map.entry("size", "s"),
        Map.entry("extra", List.of("kept")));
  }

  @Test
  void theChoiceOverridesTheProfileWhichOverridesTheSettings() {
    SpawnProfiles.Selection s = PROFILES.select(Map.of("profile", "gpu", "size", "l")).orElseThrow();
    ServerLaunch base = ServerLaunch.defaults().withEnvironment(Map.of("SITE", "x", "KIND", "cpu"));
    ServerLaunch launch = s.launch(base);
    assertThat(launch.cmd()).containsExactly("gpu-singleuser");
    assertThat(launch.args()).containsExactly("--big");
    assertThat(launch.environment()).isEqualTo(Map.of("SITE", "x", "KIND", "gpu", "SIZE", "l"));
    assertThat(s.hubEnvironment()).isEqualTo(Map.of("JUPYTERHUB_DEFAULT_URL", "/lab", "MEM_LIMIT", "4096",
        "CPU_LIMIT", "2.0"));
  }

  @Test
  void anUnknownProfileOrChoiceIsA400NamingTheFormField() {
    assertThatThrownBy(() -> PROFILES.select(Map.of("profile", List.of("nope"))))
        .isInstanceOfSatisfying(SpawnProfiles.BadChoice.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.field()).isEqualTo("profile");
          assertThat(e.getMessage()).isEqualTo("unknown profile 'nope'; choose one of [plain, gpu]");
        });
    assertThatThrownBy(() -> PROFILES.select(Map.of("profile", "gpu", "size", "xl")))
        .isInstanceOfSatisfying(SpawnProfiles.BadChoice.class,
            e -> assertThat(e.field()).isEqualTo("profile-option-gpu--size"));
  }
}
