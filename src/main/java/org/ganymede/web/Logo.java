package org.ganymede.web;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ganymede.http.Responder.Reply;

/**
 * {@code /hub/logo}: the file of {@code JupyterHub.logo_file}, read at each request as JupyterHub's
 * static handler does (a replaced file shows without a restart), or the built-in logo.
 */
public final class Logo {
  private static final String BUILT_IN = "static/logo.svg";
  private static final Map<String, String> TYPES = Map.of("png", "image/png", "svg", "image/svg+xml",
      "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif", "ico", "image/x-icon", "webp", "image/webp",
      "avif", "image/avif", "bmp", "image/bmp");
  private final Optional<Path> file;

  private Logo(Optional<Path> file) {
    this.file = file;
  }

  /**
   * @param logoFile {@code JupyterHub.logo_file}; empty means the built-in logo
   * @throws IllegalArgumentException naming the setting when the file cannot be read
   */
  public static Logo of(String logoFile) {
    if (logoFile.isEmpty()) return new Logo(Optional.empty());
    Path path = Path.of(logoFile).toAbsolutePath();
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new IllegalArgumentException("JupyterHub.logo_file = '" + logoFile + "': no readable file there");
    }
    return new Logo(Optional.of(path));
  }

  Reply reply() {
    return file.map(Logo::fromFile).orElseGet(Logo::builtIn).withHeader("Cache-Control", "no-cache");
  }

  private static Reply fromFile(Path path) {
    try {
      return new Reply(200, typeOf(path.getFileName().toString()), Buffer.buffer(Files.readAllBytes(path)), Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException("JupyterHub.logo_file " + path + " cannot be read", e);
    }
  }

  private static Reply builtIn() {
    try (InputStream in = Logo.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
      if (in == null) throw new IllegalStateException(BUILT_IN + " is missing from the Ganymede jar");
      return new Reply(200, "image/svg+xml", Buffer.buffer(in.readAllBytes()), Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Content-Type by extension, as Python's mimetypes does for JupyterHub. */
  static String typeOf(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }
}
