package org.ganymede.app;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ganymede.config.LoadedConfig;
import org.ganymede.config.Source;
import org.ganymede.store.DatabaseUrl;

/**
 * The database of an existing hub, for commands that act on it ({@code token}, {@code upgrade-db}).
 * With no config file and no {@code --db}, JupyterHub.db_url is its default, a file in the current
 * directory: opening it where no hub runs would create a stray empty database and, for
 * {@code token}, print a token no hub knows. So a default SQLite file that does not exist is
 * refused, naming the file and how to point at the hub's database.
 */
final class HubDatabase {
  private HubDatabase() {}

  /** A command's refusal; its message is printed as is. */
  static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message);
    }
  }

  static DatabaseUrl existing(LoadedConfig loaded, Path workDir) {
    DatabaseUrl url = DatabaseUrl.parse(loaded.config().hub().dbUrl(), workDir);
    boolean defaulted = loaded.sourceOf("JupyterHub.db_url").map(s -> s.kind() == Source.Kind.DEFAULT).orElse(true);
    if (defaulted && url.file().isPresent() && !Files.exists(url.file().get())) {
      throw new NotFound("no hub database at " + url.file().get() + " (the default JupyterHub.db_url, "
          + "in the current directory). Run this where the hub runs, or point at the hub's database: "
          + "-f <the hub's config file> or --db <its db_url, e.g. sqlite:///path/to/jupyterhub.sqlite>");
    }
    return url;
  }
}
