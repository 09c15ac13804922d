package org.ganymede.web;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** Renders the page templates; HTML escaping is on for every expression. */
public final class Templates {
  private final PebbleEngine engine;
  private final String baseUrl;

  public Templates(String baseUrl) {
    ClasspathLoader loader = new ClasspathLoader();
    loader.setPrefix("templates");
    this.engine = new PebbleEngine.Builder().loader(loader).autoEscaping(true).strictVariables(false).build();
    this.baseUrl = baseUrl;
  }

  public String render(String template, Map<String, Object> values) {
    Map<String, Object> context = new HashMap<>(values);
    context.put("base_url", baseUrl);
    context.put("static_url", baseUrl + "hub/static/");
    StringWriter out = new StringWriter();
    try {
      engine.getTemplate(template + ".html").evaluate(out, context);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The error page for a status; the message is escaped like everything else. */
  public String error(int status, String message) {
    String reason = io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase();
    return render("error", Map.of("status_code", status, "status_message", reason, "message", message));
  }
}
