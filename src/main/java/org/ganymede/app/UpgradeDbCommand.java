package org.ganymede.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ganymede.store.Database;
import org.ganymede.store.DatabaseUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code ganymede upgrade-db}: backs up a SQLite file, then applies pending schema migrations. */
@Command(name = "upgrade-db", mixinStandardHelpOptions = true, description = "Upgrade the database schema.")
final class UpgradeDbCommand implements Callable<Integer> {
  @Option(names = {"-f", "--config"}) Optional<Path> configFile = Optional.empty();

  @Unmatched List<String> traitArgs = new java.util.ArrayList<>();

  @Override
  public Integer call() throws Exception {
    DatabaseUrl url;
    try {
      url = HubDatabase.existing(HubCommand.load(configFile, traitArgs), Path.of("").toAbsolutePath());
    } catch (HubDatabase.NotFound e) {
      System.err.println("ganymede upgrade-db: " + e.getMessage());
      return 1;
    }
    if (url.file().isPresent() && Files.exists(url.file().get())) {
      System.out.println("backed up " + url.file().get() + " to " + Database.backup(url.file().get()));
    }
    try (Database db = Database.open(url)) {
      System.out.println("database schema is up to date (" + url + ")");
    }
    return 0;
  }
}
