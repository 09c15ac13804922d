package org.ganymede.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopeCatalogueTest {
  private final ScopeCatalogue catalogue = ScopeCatalogue.standard();

  @Test
  void standardCatalogueHasJupyterHub55sFortySevenScopesEachDescribed() {
    assertThat(catalogue.all()).hasSize(47);
    assertThat(catalogue.all()).allSatisfy(d -> assertThat(d.description()).isNotBlank());
    assertThat(catalogue.all()).allSatisfy(d ->
        assertThat(d.subscopes()).allSatisfy(sub -> assertThat(catalogue.contains(sub)).isTrue()));
  }

  @Test
  void fiveXScopesAndTheirSubscopesArePresent() {
    assertThat(catalogue.closure("admin:services"))
        .containsExactlyInAnyOrder("admin:services", "list:services", "read:services",
            "read:roles:services", "read:services:name");
    assertThat(catalogue.closure("shares")).contains("access:servers", "read:shares",
        "users:shares", "read:users:shares", "groups:shares", "read:groups:shares");
  }

  @Test
  void unknownScopeIsNamedWithTheClosestSuggestion() {
    assertThatThrownBy(() -> catalogue.validate(List.of("read:user!user=alice"), "role 'ops'"))
        .isInstanceOf(RbacException.class)
        .hasMessageContaining("'read:user'")
        .hasMessageContaining("role 'ops'")
        .hasMessageContaining("did you mean 'read:users'");
  }

  @Test
  void unrelatedGarbageGetsNoSuggestion() {
    assertThatThrownBy(() -> catalogue.validate(List.of("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"), "x"))
        .hasMessageContaining("does not exist")
        .hasMessageNotContaining("did you mean");
  }

  @Test
  void draftScopeAllPointsToInherit() {
    assertThatThrownBy(() -> catalogue.validate(List.of("all"), "token"))
        .hasMessageContaining("now called 'inherit'");
  }

  @Test
  void badFilterIsNamedWithTheValidForms() {
    assertThatThrownBy(() -> catalogue.validate(List.of("read:users!usr=alice"), "role 'x'"))
        .hasMessageContaining("'!usr=alice'")
        .hasMessageContaining("!user=NAME");
    assertThatThrownBy(() -> catalogue.validate(List.of("read:users!user="), "role 'x'"))
        .hasMessageContaining("empty name");
    assertThatThrownBy(() -> catalogue.validate(List.of("read:groups!group"), "role 'x'"))
        .hasMessageContaining("needs a group name");
    assertThatThrownBy(() -> catalogue.validate(List.of("read:servers!server=alice"), "role 'x'"))
        .hasMessageContaining("'!server=alice' needs USER/SERVER");
  }

  @Test
  void customScopesAreRegisteredWithTheirCustomSubscopes() {
    ScopeCatalogue withCustom = catalogue.withCustomScopes(Map.of(
        "custom:app:read", CustomScope.of("Read the app", "custom:app:read:files"),
        "custom:app:read:files", CustomScope.of("Read files")));
    assertThat(withCustom.closure("custom:app:read"))
        .containsExactlyInAnyOrder("custom:app:read", "custom:app:read:files");
    assertThat(withCustom.validate(List.of("custom:app:read!user=alice"), "x").strings())
        .containsExactly("custom:app:read!user=alice");
    assertThat(catalogue.contains("custom:app:read")).isFalse();
  }

  @Test
  void customScopeNamesAndSubscopesAreChecked() {
    assertThatThrownBy(() -> catalogue.withCustomScopes(Map.of("app:read", CustomScope.of("x"))))
        .hasMessageContaining("'app:read'").hasMessageContaining("must start with 'custom:'");
    assertThatThrownBy(() -> catalogue.withCustomScopes(Map.of("custom:app:", CustomScope.of("x"))))
        .hasMessageContaining("not end with");
    assertThatThrownBy(() -> catalogue.withCustomScopes(
        Map.of("custom:app", CustomScope.of("x", "read:users"))))
        .hasMessageContaining("built-in scope 'read:users'");
    assertThatThrownBy(() -> catalogue.withCustomScopes(
        Map.of("custom:app", CustomScope.of("x", "custom:missing"))))
        .hasMessageContaining("'custom:missing'").hasMessageContaining("not defined");
  }

  @Test
  void describesScopesForTheConfirmationPage() {
    List<ScopeDescription> lines = catalogue.describe(ScopeSet.parse(List.of("read:users!user=alice",
        "servers!group=staff", "read:hub", "access:servers!server=bob/lab")), "alice");
    assertThat(lines).extracting(ScopeDescription::filter)
        .containsExactly("server bob/lab", "", "only you", "users in group staff");
    assertThat(lines.get(1).description()).isEqualTo("Read detailed information about the Hub.");
  }
}
