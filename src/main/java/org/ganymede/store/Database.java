package org.ganymede.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's database: one connection, used by one transaction at a time.
 *
 * <p>The hub keeps its working set in memory and writes through, so a single connection is enough
 * and serialising writers is what SQLite wants anyway. Every change runs in {@link #transaction}.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  /** A unit of work inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DatabaseUrl url;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();

  private Database(DatabaseUrl url, Connection connection) {
    this.url = url;
    this.connection = connection;
  }

  /** Opens the database, creating the SQLite file with mode 0600 first, and migrates the schema. */
  public static Database open(DatabaseUrl url) {
    return open(url, true);
  }

  /**
   * Opens the database; a new one gets the current schema. An existing one with an older schema
   * is upgraded only when {@code upgradeExisting} ({@code JupyterHub.upgrade_db}), after a backup
   * of a SQLite file; otherwise the start stops and says how to upgrade, as JupyterHub does.
   */
  public static Database open(DatabaseUrl url, boolean upgradeExisting) {
    url.file().ifPresent(Database::createPrivateFile);
    Database db = null;
    try {
      db = new Database(url, connect(url));
      db.configure();
      java.util.Optional<String> version = db.currentVersion();
      if (version.isPresent() && !version.get().equals(LATEST_SCHEMA_VERSION)) {
        if (Integer.parseInt(version.get()) > Integer.parseInt(LATEST_SCHEMA_VERSION)) {
          throw new StoreException("the database " + url + " has schema version " + version.get()
              + ", newer than this Ganymede knows (" + LATEST_SCHEMA_VERSION + "); run a newer Ganymede");
        }
        if (!upgradeExisting) {
          throw new StoreException("the database " + url + " has schema version " + version.get() + " and this "
              + "Ganymede needs " + LATEST_SCHEMA_VERSION + ": run `ganymede upgrade-db` (it backs up a SQLite "
              + "file first) or set JupyterHub.upgrade_db = True");
        }
        url.file().ifPresent(Database::backup);
      }
      db.migrate();
      return db;
    } catch (SQLException e) {
      throw new StoreException("cannot open the database " + url + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (db != null) db.close();
      throw e;
    }
  }

  /** Copies a SQLite file beside itself, named with the time: {@code jupyterhub.sqlite.2026-12-04-171500.bak}. */
  public static Path backup(Path file) {
    Path copy = file.resolveSibling(file.getFileName() + "."
        + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss"))
        + ".bak");
    try {
      Files.copy(file, copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    } catch (IOException e) {
      throw new StoreException("cannot back up " + file + " to " + copy + " before upgrading: " + e.getMessage(), e);
    }
    log.info("backed up {} to {}", file, copy);
    return copy;
  }

  private static Connection connect(DatabaseUrl url) throws SQLException {
    Properties props = new Properties();
    url.user().ifPresent(u -> props.setProperty("user", u));
    url.password().ifPresent(p -> props.setProperty("password", p));
    Connection c = DriverManager.getConnection(url.jdbcUrl(), props);
    c.setAutoCommit(false);
    return c;
  }

  private static void createPrivateFile(Path file) {
    try {
      if (Files.exists(file)) return;
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) Files.createDirectories(dir);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (IOException e) {
      throw new StoreException("cannot create the database file " + file + ": " + e.getMessage(), e);
    }
  }

  private void configure() throws SQLException {
    if (url.kind() != DatabaseUrl.Kind.SQLITE) return;
    connection.setAutoCommit(true);
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=NORMAL");
      s.execute("PRAGMA foreign_keys=ON");
      s.execute("PRAGMA busy_timeout=10000");
    }
    connection.setAutoCommit(false);
  }

  /**
   * The newest schema version among the migration scripts; a test checks it against the files.
   * Start-up skips Flyway (and its class-path scan) when the database is already there.
   */
  static final String LATEST_SCHEMA_VERSION = "2";

  /** Applies pending schema migrations; returns how many ran. */
  public int migrate() {
    lock.lock();
    try {
      if (currentVersion().filter(LATEST_SCHEMA_VERSION::equals).isPresent()) return 0;
      Flyway flyway = Flyway.configure()
          .dataSource(new SingleConnectionDataSource(connection))
          .locations("classpath:db/migration/" + vendor())
          .load();
      MigrateResult result = flyway.migrate();
      if (result.migrationsExecuted > 0) {
        log.info("database schema migrated to version {} ({} migrations)", result.targetSchemaVersion,
            result.migrationsExecuted);
      }
      connection.setAutoCommit(false);
      return result.migrationsExecuted;
    } catch (SQLException e) {
      throw new StoreException("schema migration failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** The schema version recorded by Flyway, when its history table exists. */
  java.util.Optional<String> currentVersion() {
    try (Statement s = connection.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success = "
            + (url.kind() == DatabaseUrl.Kind.SQLITE ? "1" : "true") + " ORDER BY installed_rank DESC LIMIT 1")) {
      return rs.next() ? java.util.Optional.ofNullable(rs.getString(1)) : java.util.Optional.empty();
    } catch (SQLException e) {
      rollbackQuietly(e);
      return java.util.Optional.empty();
    }
  }

  private String vendor() {
    return url.kind() == DatabaseUrl.Kind.SQLITE ? "sqlite" : "postgresql";
  }

  public DatabaseUrl url() {
    return url;
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T transaction(Work<T> work) {
    lock.lock();
    try {
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(e);
        if (e instanceof RuntimeException re) throw re;
        throw new StoreException("database transaction failed: " + e.getMessage(), e);
      }
    } finally {
      lock.unlock();
    }
  }

  private void rollbackQuietly(Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException e) {
      log.warn("closing the database failed: {}", e.getMessage());
    } finally {
      lock.unlock();
    }
  }
}
