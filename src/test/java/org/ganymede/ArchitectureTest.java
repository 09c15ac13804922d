package org.ganymede;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The package table of docs/architecture.md, read from the document itself, so that the table and
 * the code cannot drift apart: an edge the table does not list fails here, and so does a table
 * entry this test cannot read.
 */
class ArchitectureTest {
  static final String ROOT = "org.ganymede";
  static final Path DOCUMENT = Path.of("docs/architecture.md");

  static JavaClasses classes;
  static Map<String, Row> table;

  /** One row of the table: the package, what it owns, and the packages it may use. */
  record Row(String name, String owns, String mayUse) {
    String packageName() {
      return ROOT + "." + name;
    }

    boolean contains(JavaClass c) {
      return inside(c.getPackageName(), packageName());
    }

    /** The SPIs this row's "owns" column names, as "`Authenticator` SPI". */
    List<String> spis() {
      List<String> names = new ArrayList<>();
      Matcher m = Pattern.compile("`(\\w+)` SPI").matcher(owns);
      while (m.find()) {
        names.add(packageName() + "." + m.group(1));
      }
      return names;
    }
  }

  /** What a row may use, read from its "may use" cell. */
  record Grants(boolean jdkOnly, Set<String> packages, Set<String> spiOnlyPackages, Set<String> recordPackages) {
    boolean allows(JavaClass target) {
      String pkg = target.getPackageName();
      if (recordPackages.contains(pkg) && target.getSimpleName().endsWith("Record")) {
        return true;
      }
      if (spiOnlyPackages.contains(pkg)) {
        return true;
      }
      return packages.stream().anyMatch(p -> inside(pkg, p));
    }

    String describe() {
      if (jdkOnly) {
        return "itself and the JDK";
      }
      List<String> parts = new ArrayList<>(new TreeSet<>(packages));
      spiOnlyPackages.stream().sorted().forEach(p -> parts.add(p + " (SPI package only)"));
      recordPackages.stream().sorted().forEach(p -> parts.add(p + " (*Record types only)"));
      return String.join(", ", parts);
    }
  }

  @BeforeAll
  static void load() throws IOException {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
    table = readTable(Files.readString(DOCUMENT));
  }

  static Map<String, Row> readTable(String document) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : document.lines().toList()) {
      String[] cells = line.split("\\|", -1);
      if (cells.length != 5 || !cells[1].trim().startsWith("`")) {
        continue;
      }
      String name = cells[1].trim().replace("`", "");
      rows.put(name, new Row(name, cells[2].trim(), cells[3].trim()));
    }
    return rows;
  }

  /** Reads one row's "may use" cell; an entry it cannot read is a failure, not a silent pass. */
  static Grants grantsOf(Row row) {
    List<String> above = new ArrayList<>();
    for (String name : table.keySet()) {
      if (name.equals(row.name())) {
        break;
      }
      above.add(name);
    }
    List<String> entries = Stream.of(row.mayUse().split(",")).map(String::trim).toList();
    boolean spisOnly = entries.contains("SPIs only");
    Set<String> named = new TreeSet<>();
    Set<String> records = new TreeSet<>();
    boolean jdkOnly = false;
    for (String entry : entries) {
      String plain = entry.replace("`", "");
      if (entry.equals("JDK")) {
        jdkOnly = true;
      } else if (entry.equals("everything")) {
        named.addAll(table.keySet());
      } else if (entry.equals("everything above")) {
        named.addAll(above);
      } else if (entry.equals("SPIs only")) {
        // a qualifier of the other entries, applied below
      } else if (plain.endsWith(" records") && above.contains(plain.substring(0, plain.length() - " records".length()))) {
        records.add(ROOT + "." + plain.substring(0, plain.length() - " records".length()));
      } else if (above.contains(plain)) {
        named.add(plain);
      } else {
        throw new AssertionError("docs/architecture.md: row `" + row.name() + "` may use \"" + entry
            + "\", which is neither a row above it nor one of the words the table's note defines");
      }
    }
    Set<String> packages = new TreeSet<>();
    Set<String> spiPackages = new TreeSet<>();
    for (String name : named) {
      Row used = table.get(name);
      if (spisOnly && !used.spis().isEmpty()) {
        spiPackages.add(used.packageName());
      } else {
        packages.add(used.packageName());
      }
    }
    packages.add(row.packageName());
    return new Grants(jdkOnly, packages, spiPackages, records);
  }

  static boolean inside(String pkg, String parent) {
    return pkg.equals(parent) || pkg.startsWith(parent + ".");
  }

  @Test
  void theTableHasARowForEveryPackageAndEveryRowIsReadable() {
    assertThat(table).as("rows of the package table in " + DOCUMENT).hasSizeGreaterThan(5);
    Set<String> topLevel = classes.stream().map(JavaClass::getPackageName).filter(p -> p.startsWith(ROOT + "."))
        .map(p -> p.substring(ROOT.length() + 1).split("\\.")[0]).collect(Collectors.toCollection(TreeSet::new));
    assertThat(table.keySet()).as("packages under " + ROOT + " that the table describes").containsAll(topLevel);
    assertThat(classes.stream().filter(c -> c.getPackageName().equals(ROOT)).map(JavaClass::getName))
        .as("classes directly in " + ROOT + ", which no row describes").isEmpty();
    table.values().forEach(ArchitectureTest::grantsOf);
  }

  @TestFactory
  Stream<DynamicTest> eachPackageUsesOnlyWhatItsRowAllows() {
    return table.values().stream().map(row -> {
      Grants grants = grantsOf(row);
      return DynamicTest.dynamicTest(row.name() + " uses only " + grants.describe(),
          () -> classes().that().resideInAPackage(row.packageName() + "..")
              .should(useOnly(grants)).allowEmptyShould(true).check(classes));
    });
  }

  static ArchCondition<JavaClass> useOnly(Grants grants) {
    return new ArchCondition<>("use only " + grants.describe()) {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = d.getTargetClass().getBaseComponentType();
          String pkg = target.getPackageName();
          boolean allowed = grants.allows(target)
              || (grants.jdkOnly() ? target.isPrimitive() || inside(pkg, "java") : !inside(pkg, ROOT));
          if (!allowed) {
            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
          }
        }
      }
    };
  }

  @Test
  void authSpawnAndProxyNeverImportEachOther() throws IOException {
    Matcher m = Pattern.compile("((?:`\\w+`(?:, | and ))+`\\w+`) never import each other")
        .matcher(Files.readString(DOCUMENT));
    assertThat(m.find()).as("the sentence \"... never import each other\" in " + DOCUMENT).isTrue();
    List<String> apart = Pattern.compile("`(\\w+)`").matcher(m.group(1)).results().map(r -> r.group(1)).toList();
    assertThat(apart).contains("auth", "spawn", "proxy");
    for (String one : apart) {
      String[] others = apart.stream().filter(o -> !o.equals(one)).map(o -> ROOT + "." + o + "..")
          .toArray(String[]::new);
      noClasses().that().resideInAPackage(ROOT + "." + one + "..")
          .should().dependOnClassesThat().resideInAnyPackage(others).check(classes);
    }
  }

  @Test
  void onlyTheAppNamesAnImplementationOutsideItsOwnPackage() {
    List<JavaClass> spis = table.values().stream().flatMap(r -> r.spis().stream()).map(classes::get).toList();
    assertThat(spis).as("the SPIs the table names").isNotEmpty();
    Set<JavaClass> implementations = classes.stream()
        .filter(c -> !c.isInterface() && spis.stream().anyMatch(spi -> !c.equals(spi) && c.isAssignableTo(spi.getName())))
        .collect(Collectors.toSet());
    assertThat(implementations).as("implementations of " + spis).isNotEmpty();
    classes().that().resideOutsideOfPackage(table.get("app").packageName() + "..")
        .should(new ArchCondition<>("name no implementation of an SPI outside its own package") {
          @Override
          public void check(JavaClass origin, ConditionEvents events) {
            for (Dependency d : origin.getDirectDependenciesFromSelf()) {
              JavaClass target = d.getTargetClass().getBaseComponentType();
              if (implementations.contains(target) && !target.getPackageName().equals(origin.getPackageName())) {
                events.add(SimpleConditionEvent.violated(d, d.getDescription()));
              }
            }
          }
        }).check(classes);
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
}
