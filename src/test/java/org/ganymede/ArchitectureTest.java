package org.ganymede;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of docs/architecture.md, kept true by the build. */
class ArchitectureTest {
  static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.ganymede");
  }

  @Test
  void authSpawnAndProxyNeverImportEachOther() {
    noClasses().that().resideInAPackage("..auth..")
        .should().dependOnClassesThat().resideInAnyPackage("..spawn..", "..proxy..").check(classes);
    noClasses().that().resideInAPackage("..spawn..")
        .should().dependOnClassesThat().resideInAnyPackage("..auth..", "..proxy..").check(classes);
    noClasses().that().resideInAPackage("..proxy..")
        .should().dependOnClassesThat().resideInAnyPackage("..auth..", "..spawn..").check(classes);
  }

  @Test
  void lowerPackagesNeverReachUp() {
    noClasses().that().resideInAnyPackage("..model..", "..rbac..", "..config..", "..store..", "..security..",
            "..auth..", "..spawn..", "..proxy..", "..http..")
        .should().dependOnClassesThat().resideInAnyPackage("..hub..", "..api..", "..web..", "..app..")
        .check(classes);
  }

  @Test
  void rbacIsPureAndModelHasNoIo() {
    noClasses().that().resideInAPackage("..rbac..")
        .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..", "java.sql..")
        .check(classes);
    noClasses().that().resideInAPackage("org.ganymede.model..")
        .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..", "java.sql..")
        .check(classes);
  }

  @Test
  void pagesAndApiNeverTouchTheDatabase() {
    noClasses().that().resideInAnyPackage("..api..", "..web..")
        .should().dependOnClassesThat().haveSimpleNameEndingWith("Rows")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.ganymede.store.Database")
        .check(classes);
  }

  @Test
  void onlyTheAppNamesImplementations() {
    noClasses().that().resideOutsideOfPackages("..app..", "..auth.dummy..", "..auth.pam..", "..spawn.local..",
            "..spawn.sudo..")
        .should().dependOnClassesThat().resideInAnyPackage("..auth.dummy..", "..auth.pam..", "..spawn.local..",
            "..spawn.sudo..")
        .check(classes);
  }
}
