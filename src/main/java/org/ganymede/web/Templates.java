package org.ganymede.web;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.loader.DelegatingLoader;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.loader.Loader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Renders the page templates; HTML escaping is on for every expression.
 *
 * <p>{@code JupyterHub.template_paths} directories are searched before the built-in templates, so
 * a site's {@code login.html} or {@code page.html} replaces Ganymede's; a site template can still
 * extend a built-in one as {@code templates/page.html} (as JupyterHub allows). Every site template
 * is compiled at start, so a syntax error stops the start naming the file instead of failing a
 * page later. {@code JupyterHub.template_vars} reach every template; a page's own values win over
 * them, and they win over the common ones ({@code base_url}, {@code static_url}, {@code logo_url}),
 * in JupyterHub's order. The names are listed in docs/templates.md.
 */
public final class Templates {
  /** Built-in templates: every page Ganymede renders, compiled at start to check site overrides they extend. */
  private static final List<String> BUILT_IN = List.of("admin", "error", "home", "login", "logout", "not_running",
      "oauth", "page", "spawn", "spawn_pending", "token");
  /** Pages with a page-specific announcement, as JupyterHub's templates: {@code announcement_login} etc. */
  private static final List<String> ANNOUNCED = List.of("login", "home", "spawn", "logout");
  private final PebbleEngine engine;
  private final String baseUrl;
  private final Map<String, Object> siteVars;

  public Templates(String baseUrl) {
    this(baseUrl, List.of(), Map.of());
  }

  /**
   * @param siteDirs {@code JupyterHub.template_paths}, searched first, in order
   * @param siteVars {@code JupyterHub.template_vars}
   * @throws IllegalArgumentException naming the setting or the file when a directory is missing or
   *     a template there does not compile
   */
  public Templates(String baseUrl, List<Path> siteDirs, Map<String, Object> siteVars) {
    List<Loader<?>> loaders = new ArrayList<>();
    for (Path dir : siteDirs) {
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("JupyterHub.template_paths: " + dir + " is not a directory");
      }
      FileLoader files = new FileLoader(dir.toAbsolutePath().toString());
      loaders.add(files);
    }
    ClasspathLoader builtIn = new ClasspathLoader();
    builtIn.setPrefix("templates");
    loaders.add(builtIn);
    // "templates/page.html" names the built-in page even when a site directory overrides page.html.
    loaders.add(new ClasspathLoader());
    this.engine = new PebbleEngine.Builder().loader(new DelegatingLoader(loaders)).autoEscaping(true)
        .strictVariables(false).build();
    this.baseUrl = baseUrl;
    this.siteVars = Map.copyOf(siteVars);
    for (Path dir : siteDirs) compileAll(dir);
    for (String name : BUILT_IN) compile(name + ".html", "the template " + name + ".html");
  }

  private void compileAll(Path dir) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.getFileName().toString().endsWith(".html") && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("JupyterHub.template_paths: cannot read " + dir + ": " + e.getMessage());
    }
    for (Path file : files) {
      compile(dir.relativize(file).toString().replace('\\', '/'), file.toString());
    }
  }

  private void compile(String name, String shownAs) {
    try {
      engine.getTemplate(name);
    } catch (PebbleException e) {
      throw new IllegalArgumentException("JupyterHub.template_paths: " + shownAs + " does not compile: "
          + e.getMessage());
    }
  }

  public String render(String template, Map<String, Object> values) {
    Map<String, Object> context = new HashMap<>();
    context.put("base_url", baseUrl);
    context.put("static_url", baseUrl + "hub/static/");
    context.put("logo_url", baseUrl + "hub/logo");
    context.putAll(siteVars);
    if (ANNOUNCED.contains(template) && siteVars.get("announcement_" + template) instanceof String special) {
      context.put("announcement", special);
    }
    context.putAll(values);
    StringWriter out = new StringWriter();
    try {
      engine.getTemplate(template + ".html").evaluate(out, context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The error page for a status; the message is escaped like everything else. */
  public String error(int status, String message) {
    return error(status, message, Map.of());
  }

  /** The error page with the page's own values, such as {@code user} for the menu of a signed-in visitor. */
  public String error(int status, String message, Map<String, Object> page) {
    String reason = io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase();
    Map<String, Object> values = new HashMap<>(page);
    values.putAll(Map.of("status_code", status, "status_message", reason, "message", message));
    return render("error", values);
  }
}
