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
    noClasses().that().resideInAPackage("org.ganymede.auth..")
        .should().dependOnClassesThat().resideInAnyPackage("org.ganymede.spawn..", "org.ganymede.proxy..").check(classes);
    noClasses().that().resideInAPackage("org.ganymede.spawn..")
        .should().dependOnClassesThat().resideInAnyPackage("org.ganymede.auth..", "org.ganymede.proxy..").check(classes);
    noClasses().that().resideInAPackage("org.ganymede.proxy..")
        .should().dependOnClassesThat().resideInAnyPackage("org.ganymede.auth..", "org.ganymede.spawn..").check(classes);
  }

  @Test
  void lowerPackagesNeverReachUp() {
    noClasses().that().resideInAnyPackage("org.ganymede.model..", "org.ganymede.rbac..", "org.ganymede.config..", "org.ganymede.store..", "org.ganymede.security..",
            "org.ganymede.auth..", "org.ganymede.spawn..", "org.ganymede.proxy..", "org.ganymede.http..")
        .should().dependOnClassesThat().resideInAnyPackage("org.ganymede.hub..", "org.ganymede.api..", "org.ganymede.web..", "org.ganymede.app..")
        .check(classes);
  }

  @Test
  void rbacIsPureAndModelHasNoIo() {
    noClasses().that().resideInAPackage("org.ganymede.rbac..")
        .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..", "java.sql..")
        .check(classes);
    noClasses().that().resideInAPackage("org.ganymede.model..")
        .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..", "java.sql..")
        .check(classes);
  }

  @Test
  void pagesAndApiNeverTouchTheDatabase() {
    noClasses().that().resideInAnyPackage("org.ganymede.api..", "org.ganymede.web..")
        .should().dependOnClassesThat().haveSimpleNameEndingWith("Rows")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.ganymede.store.Database")
        .check(classes);
  }

  @Test
  void onlyTheAppNamesImplementations() {
    noClasses().that().resideOutsideOfPackages("org.ganymede.app..", "org.ganymede.auth.dummy..",
            "org.ganymede.auth.pam..", "org.ganymede.spawn.local..", "org.ganymede.spawn.sudo..")
        .should().dependOnClassesThat().resideInAnyPackage("org.ganymede.auth.dummy..", "org.ganymede.auth.pam..",
            "org.ganymede.spawn.local..", "org.ganymede.spawn.sudo..")
        .check(classes);
  }
}
