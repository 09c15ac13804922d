package org.ganymede.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A parsed {@code JupyterHub.db_url}: {@code sqlite:///relative.sqlite}, {@code sqlite:////abs/path},
 * {@code sqlite://} (in memory), or {@code postgresql://user:pass@host:port/db}.
 */
public record DatabaseUrl(Kind kind, String jdbcUrl, Optional<Path> file, Optional<String> user,
    Optional<String> password) {

  public enum Kind { SQLITE, POSTGRESQL }

  /** Parses a SQLAlchemy-style URL as JupyterHub accepts it, resolving relative files against {@code base}. */
  public static DatabaseUrl parse(String url, Path base) {
    if (url.equals("sqlite://") || url.equals("sqlite:///:memory:")) {
      return new DatabaseUrl(Kind.SQLITE, "jdbc:sqlite::memory:", Optional.empty(), Optional.empty(),
          Optional.empty());
    }
    if (url.startsWith("sqlite:///")) {
      String rest = url.substring("sqlite:///".length());
      if (rest.isEmpty()) throw new IllegalArgumentException("JupyterHub.db_url '" + url + "' names no file");
      Path file = base.resolve(rest).toAbsolutePath().normalize();
      return new DatabaseUrl(Kind.SQLITE, "jdbc:sqlite:" + file, Optional.of(file), Optional.empty(),
          Optional.empty());
    }
    for (String scheme : new String[] {"postgresql://", "postgres://", "postgresql+psycopg2://"}) {
      if (url.startsWith(scheme)) return postgres(url, url.substring(scheme.length()));
    }
    throw new IllegalArgumentException("JupyterHub.db_url '" + redact(url)
        + "' is not supported; use sqlite:///FILE or postgresql://USER:PASSWORD@HOST:PORT/DB");
  }

  private static DatabaseUrl postgres(String url, String rest) {
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String credentials = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = credentials.indexOf(':');
      String u = colon >= 0 ? credentials.substring(0, colon) : credentials;
      user = Optional.of(decode(u));
      if (colon >= 0) password = Optional.of(decode(credentials.substring(colon + 1)));
    }
    if (!rest.contains("/")) {
      throw new IllegalArgumentException("JupyterHub.db_url '" + redact(url) + "' names no database");
    }
    return new DatabaseUrl(Kind.POSTGRESQL, "jdbc:postgresql://" + rest, Optional.empty(), user, password);
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The URL with any password replaced, for messages and logs. */
  public static String redact(String url) {
    return url.replaceAll("://([^:/@]*):[^@]*@", "://$1:***@");
  }

  @Override
  public String toString() {
    return kind + " " + redact(jdbcUrl);
  }
}
