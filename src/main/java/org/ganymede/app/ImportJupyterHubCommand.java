package org.ganymede.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ganymede.app.jhimport.ImportReport;
import org.ganymede.app.jhimport.JupyterHubDatabase;
import org.ganymede.app.jhimport.JupyterHubImport;
import org.ganymede.app.jhimport.JupyterHubSnapshot;
import org.ganymede.store.Database;
import org.ganymede.store.DatabaseUrl;
import org.ganymede.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code ganymede import-jupyterhub PATH}: brings a JupyterHub database's users, groups, roles,
 * tokens, services and named servers into the hub's database (the one {@code -f}/{@code --db}
 * names, as for {@code ganymede token}). The source is read in full and checked before the target
 * is opened, so a database this does not understand leaves both untouched.
 */
@Command(name = "import-jupyterhub", mixinStandardHelpOptions = true,
    description = {"Import users, groups, roles, API tokens, services and named servers from a JupyterHub "
        + "database (jupyterhub.sqlite, JupyterHub 3.x-5.x) into this hub's database, in one transaction.",
        "Run it while neither hub runs."})
final class ImportJupyterHubCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PATH", description = "JupyterHub's SQLite database, read only.")
  Path source;

  @Option(names = "--dry-run", description = "Print what would be imported; write nothing.")
  boolean dryRun;

  @Option(names = {"-f", "--config"}) Optional<Path> configFile = Optional.empty();

  @Unmatched List<String> traitArgs = new java.util.ArrayList<>();

  @Override
  public Integer call() throws IOException {
    DatabaseUrl target;
    try {
      target = HubDatabase.existing(HubCommand.load(configFile, traitArgs), Path.of("").toAbsolutePath());
    } catch (HubDatabase.NotFound e) {
      return refuse(e.getMessage());
    }
    if (target.file().isPresent() && sameFile(target.file().get(), source)) {
      return refuse("the hub's database is " + source + " itself; Ganymede's database must be another file "
          + "(--db sqlite:///path/to/ganymede.sqlite, or db_url in the config)");
    }
    JupyterHubSnapshot snapshot;
    try {
      snapshot = JupyterHubDatabase.read(source);
    } catch (JupyterHubDatabase.Unreadable e) {
      return refuse(e.getMessage() + "; nothing was imported");
    }
    System.out.println((dryRun ? "dry run: " : "") + "importing " + source + " into " + target);
    ImportReport report;
    try {
      report = dryRun && target.file().filter(f -> !Files.exists(f)).isPresent()
          ? intoScratch(snapshot) : into(target, snapshot);
    } catch (StoreException e) {
      return refuse(e.getMessage() + "; nothing was imported");
    }
    System.out.print(report.text());
    return 0;
  }

  private ImportReport into(DatabaseUrl target, JupyterHubSnapshot snapshot) {
    try (Database db = Database.open(target, false)) {
      return JupyterHubImport.run(db, snapshot, dryRun);
    }
  }

  /** A dry run into a hub database that does not exist yet: against an empty one, thrown away after. */
  private ImportReport intoScratch(JupyterHubSnapshot snapshot) throws IOException {
    Path dir = Files.createTempDirectory("ganymede-import-dry-run");
    try {
      return into(DatabaseUrl.parse("sqlite:///" + dir.resolve("scratch.sqlite"), dir), snapshot);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    }
  }

  private static boolean sameFile(Path a, Path b) throws IOException {
    if (Files.exists(a) && Files.exists(b)) return Files.isSameFile(a, b);
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  private static int refuse(String message) {
    System.err.println("ganymede import-jupyterhub: " + message);
    return 1;
  }
}
