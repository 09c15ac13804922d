package org.ganymede.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated configuration and where every value came from.
 *
 * @param file the config file that was read, if any
 * @param origins every trait of the classes in use ({@code "JupyterHub.port"},
 *     {@code "Authenticator.admin_users"}, …) → where its effective value came from
 * @param ignored assignments to known classes that are not in use (a PAM trait while the dummy
 *     authenticator is chosen), as {@code "PAMAuthenticator.service"} → source
 */
public record LoadedConfig(
    HubConfig config,
    Optional<String> file,
    Map<String, Origin> origins,
    Map<String, Source> ignored,
    List<String> classesInUse) {

  public LoadedConfig {
    origins = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(origins));
    ignored = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ignored));
    classesInUse = List.copyOf(classesInUse);
  }

  /**
   * Where one effective value came from.
   *
   * @param setOn the class whose section gave the value (e.g. {@code Spawner} for a value the
   *     {@code LocalProcessSpawner} inherits)
   * @param shown the value as {@code --show-config} prints it; secrets are never shown
   */
  public record Origin(Source source, String setOn, String shown) {}

  /**
   * Where the effective value of {@code Class.trait} came from. The class may be the one in use
   * ({@code PAMAuthenticator.admin_users}) or any ancestor of it ({@code Authenticator.admin_users}).
   */
  public Optional<Source> sourceOf(String classDotTrait) {
    return origin(classDotTrait).map(Origin::source);
  }

  public Optional<Origin> origin(String classDotTrait) {
    Origin direct = origins.get(classDotTrait);
    if (direct != null) return Optional.of(direct);
    int dot = classDotTrait.indexOf('.');
    if (dot < 0) return Optional.empty();
    String className = classDotTrait.substring(0, dot);
    String trait = classDotTrait.substring(dot + 1);
    TraitCatalogue catalogue = TraitCatalogue.jupyterHub();
    return classesInUse.stream()
        .filter(c -> catalogue.chain(c).contains(className))
        .map(c -> origins.get(c + "." + trait))
        .filter(java.util.Objects::nonNull)
        .findFirst();
  }
}
