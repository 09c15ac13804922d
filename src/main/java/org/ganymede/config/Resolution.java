package org.ganymede.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Turns validated assignments into the records of the classes in use, with their origins. */
final class Resolution {
  private static final List<String> AUTHENTICATOR_FALLBACKS = List.of("PAMAuthenticator", "DummyAuthenticator");
  private static final List<String> SPAWNER_FALLBACKS = List.of("SimpleLocalProcessSpawner", "SudoSpawner");

  private Resolution() {}

  static LoadedConfig resolve(TraitCatalogue catalogue, Map<String, Assignment> merged, Optional<String> file) {
    Values hubValues = new Values(catalogue, merged, "JupyterHub", List.of());
    AuthenticatorKind authenticator =
        Plugins.lookup(Plugins.AUTHENTICATORS, hubValues.string("authenticator_class")).orElseThrow();
    SpawnerKind spawner = Plugins.lookup(Plugins.SPAWNERS, hubValues.string("spawner_class")).orElseThrow();
    ProxyKind proxy = Plugins.lookup(Plugins.PROXIES, hubValues.string("proxy_class")).orElseThrow();
    Values authValues = new Values(catalogue, merged, authenticator.configClass(), AUTHENTICATOR_FALLBACKS);
    Values spawnerValues = new Values(catalogue, merged, spawner.configClass(), SPAWNER_FALLBACKS);
    Values proxyValues = new Values(catalogue, merged, "ConfigurableHTTPProxy", List.of());
    Values cullerValues = new Values(catalogue, merged, "IdleCuller", List.of());
    HubConfig config = new HubConfig(HubSettings.from(hubValues), AuthenticatorSettings.from(authenticator, authValues),
        SpawnerSettings.from(spawner, spawnerValues), ProxySettings.from(proxy, proxyValues),
        OAuthSettings.from(authenticator, catalogue, merged),
        LdapSettings.from(authenticator, new Values(catalogue, merged, "LDAPAuthenticator", List.of())),
        IdleCullerSettings.from(cullerValues));

    Map<String, LoadedConfig.Origin> origins = new LinkedHashMap<>();
    Map<String, Values> inUse = new LinkedHashMap<>();
    inUse.put("JupyterHub", hubValues);
    inUse.put(authenticator.configClass(), authValues);
    inUse.put(spawner.configClass(), spawnerValues);
    inUse.put("ConfigurableHTTPProxy", proxyValues);
    inUse.put("IdleCuller", cullerValues);
    inUse.forEach((className, values) -> {
      for (String trait : catalogue.traitNames(className)) {
        Values.Effective e = values.effective(trait);
        origins.put(className + "." + trait, new LoadedConfig.Origin(e.source(), e.setOn(), shown(e.trait(), e.value())));
      }
    });
    Map<String, Source> ignored = new LinkedHashMap<>();
    merged.values().stream()
        .filter(a -> inUse.keySet().stream().noneMatch(c -> catalogue.chain(c).contains(a.className())))
        .forEach(a -> ignored.put(a.key(), a.source()));
    return new LoadedConfig(config, file, origins, ignored, List.copyOf(inUse.keySet()));
  }

  /** The value as reports print it: secrets by size only, service tokens masked. */
  static String shown(Trait trait, JsonNode value) {
    if (trait.secret()) {
      if (value.isObject()) return value.isEmpty() ? "{}" : "<" + value.size() + " secret tokens>";
      int length = value.isBinary() ? value.binaryValue().length
          : trait.type() == TraitType.BYTES ? value.stringValue().replaceAll("\\s", "").length() / 2
          : value.stringValue().length();
      return length == 0 ? "<not set>" : "<secret, " + length + " bytes>";
    }
    if (trait.type() == TraitType.STRING_SET) {
      String items = Literals.fullRepr(value);
      return value.isEmpty() ? "set()" : "{" + items.substring(1, items.length() - 1) + "}";
    }
    if (trait.type() == TraitType.SERVICES) {
      JsonNode masked = value.deepCopy();
      masked.values().forEach(s -> {
        if (s.isObject() && s.has("api_token")) ((ObjectNode) s).put("api_token", "<secret>");
      });
      return Literals.fullRepr(masked);
    }
    return Literals.fullRepr(value);
  }
}
