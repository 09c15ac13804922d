package org.ganymede.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The settings catalogue against the code: every setting a site can write is either read by the
 * code it governs or refused at start by name. A setting that is parsed, validated, shown by
 * {@code --show-config} and then never read is how oauthenticator's CVE-2020-26250 let everyone in.
 */
class EverySettingIsReadOrRefusedTest {
  private static final TraitCatalogue CATALOGUE = TraitCatalogue.jupyterHub();
  private static final String CONFIG_PACKAGE = "org.ganymede.config";
  /** Resolved by name into each record's {@code kind} (see Resolution), not bound as components. */
  private static final Set<String> PLUGIN_CHOICES =
      Set.of("JupyterHub.authenticator_class", "JupyterHub.spawner_class", "JupyterHub.proxy_class");
  /** Folded at load into the parts the hub reads (see BindUrls and ConfigLoaderTest's bind URL cases). */
  private static final Set<String> FOLDED_AT_LOAD = Set.of("JupyterHub.bind_url", "JupyterHub.hub_bind_url");

  @Test
  void everySettingHasARecordComponentUnlessItIsRefused() {
    List<String> orphans = new ArrayList<>();
    for (String className : CATALOGUE.classNames()) {
      Set<String> components = new java.util.HashSet<>(SettingsBinder.traitNames(recordOf(className)));
      // OAuthenticator re-declares allowed_groups/admin_groups, which AuthenticatorSettings binds.
      if (CATALOGUE.chain(className).contains("OAuthenticator")) {
        components.addAll(SettingsBinder.traitNames(OAuthSettings.class));
      }
      for (Trait t : CATALOGUE.declaredTraits(className)) {
        if (PLUGIN_CHOICES.contains(t.qualifiedName()) || FOLDED_AT_LOAD.contains(t.qualifiedName())) continue;
        boolean refused = t.unsupported().isPresent();
        if (refused == components.contains(t.name())) {
          orphans.add(t.qualifiedName() + (refused ? " is refused but still bound" : " is neither bound nor refused"));
        }
      }
    }
    assertThat(orphans).isEmpty();
  }

  @Test
  void everyRecordComponentIsReadOutsideTheConfigPackage() {
    JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.ganymede");
    List<String> unread = new ArrayList<>();
    for (Class<? extends Record> record : SettingsBinder.records()) {
      JavaClass type = classes.get(record);
      for (var component : record.getRecordComponents()) {
        if (component.getName().equals("kind")) continue;
        if (!readOutside(type, component.getName())) {
          unread.add(record.getSimpleName() + "." + component.getName() + " ("
              + SettingsBinder.traitName(component.getName()) + ")");
        }
      }
    }
    assertThat(unread).as("settings accepted and never read: read each where it governs, or refuse it "
        + "in JupyterHubTraits with .refused(why)").isEmpty();
  }

  /** Read through its accessor, or through a derived method of the record (effectiveAllowAll). */
  private static boolean readOutside(JavaClass type, String component) {
    JavaMethod accessor = type.getMethod(component);
    if (calledOutside(accessor)) return true;
    for (JavaAccess<?> access : type.getField(component).getAccessesToSelf()) {
      JavaCodeUnit reader = access.getOrigin();
      if (reader instanceof JavaMethod m && !m.getName().equals(component)
          && !Set.of("equals", "hashCode", "toString").contains(m.getName()) && calledOutside(m)) {
        return true;
      }
    }
    return false;
  }

  private static boolean calledOutside(JavaCodeUnit method) {
    return method.getAccessesToSelf().stream()
        .anyMatch(call -> !call.getOriginOwner().getPackageName().equals(CONFIG_PACKAGE));
  }

  @Test
  void everyRefusedSettingStopsTheStartNamingItAndWhy() {
    for (String className : CATALOGUE.classNames()) {
      for (Trait t : CATALOGUE.declaredTraits(className)) {
        if (t.unsupported().isEmpty()) continue;
        String option = "--" + t.qualifiedName() + "=" + nonDefault(t);
        assertThatThrownBy(() -> ConfigLoader.load(new ConfigSources(Optional.empty(), List.of(option), Map.of()),
            Optional.empty()))
            .as(option).isInstanceOf(ConfigException.class)
            .hasMessageContaining(t.qualifiedName() + " is not supported")
            .hasMessageContaining(t.unsupported().get());
        // At its default it is accepted: a file written for JupyterHub that spells out defaults still loads.
        JsonNode d = t.defaultValue();
        String atDefault = "--" + t.qualifiedName() + "=" + (d.isString() ? d.stringValue() : Literals.fullRepr(d));
        ConfigLoader.load(new ConfigSources(Optional.empty(), List.of(atDefault), Map.of()), Optional.empty());
      }
    }
  }

  /** A valid value other than the default, as a command-line literal. */
  private static String nonDefault(Trait t) {
    JsonNode d = t.defaultValue();
    return switch (t.type()) {
      case BOOL -> d.booleanValue() ? "False" : "True";
      case INT -> String.valueOf(d.asLong() + 1);
      case FLOAT -> String.valueOf(d.asDouble() + 1);
      case LOG_LEVEL -> d.stringValue().equalsIgnoreCase("DEBUG") ? "ERROR" : "DEBUG";
      case DICT -> "{'k': 1}";
      case STRING -> d.stringValue().equals("x") ? "y" : "x";
      default -> throw new AssertionError("add a non-default value for " + t.type() + " (" + t.qualifiedName() + ")");
    };
  }

  private static Class<? extends Record> recordOf(String className) {
    if (className.equals("LDAPAuthenticator")) return LdapSettings.class;
    List<String> chain = CATALOGUE.chain(className);
    return switch (chain.get(chain.size() - 1)) {
      case "Application", "JupyterHub" -> HubSettings.class;
      case "Authenticator" -> AuthenticatorSettings.class;
      case "Spawner" -> SpawnerSettings.class;
      case "Proxy" -> ProxySettings.class;
      case "IdleCuller" -> IdleCullerSettings.class;
      default -> throw new AssertionError("no settings record for " + className);
    };
  }
}
