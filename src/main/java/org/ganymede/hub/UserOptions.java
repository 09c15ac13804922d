package org.ganymede.hub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ganymede.http.HttpException;
import org.ganymede.http.Json;
import org.ganymede.model.UserName;

/**
 * JupyterHub's {@code user_options}: what a user asks of a server when starting it, from the
 * spawn page's form or the API's JSON body. Stored with the server, handed to the spawner, shown
 * in the server model.
 */
public final class UserOptions {
  /**
   * The largest options accepted, as JSON. They are stored with the server and sent in every
   * model of it; real forms (profiles, images, sizes) need a few hundred bytes.
   */
  public static final int MAX_JSON_BYTES = 64 * 1024;

  /** The form field carrying the XSRF token: a check of the request, not an option. */
  private static final String XSRF_FIELD = "_xsrf";

  private UserOptions() {}

  /**
   * JupyterHub's default {@code Spawner.options_from_form}: the form data unchanged, each field
   * a list of its values as strings in the order sent ({@code a=1&b=x&b=y} gives
   * {@code {"a": ["1"], "b": ["x", "y"]}}), since Ganymede runs no Python hook to convert them.
   */
  public static Map<String, Object> fromForm(List<Map.Entry<String, String>> fields) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (Map.Entry<String, String> f : fields) {
      if (f.getKey().equals(XSRF_FIELD)) continue;
      byName.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(f.getValue());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    byName.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(out);
  }

  /** 400 naming the largest field when the options are too big to keep. */
  public static void check(Map<String, Object> options) {
    int size = Json.writeBytes(options).length;
    if (size <= MAX_JSON_BYTES) return;
    String largest = options.entrySet().stream()
        .max(java.util.Comparator.comparingInt(e -> Json.writeBytes(e.getValue()).length + e.getKey().length()))
        .map(Map.Entry::getKey).orElse("");
    throw HttpException.badRequest("user_options too large: " + size + " bytes as JSON, at most " + MAX_JSON_BYTES
        + "; the largest field is '" + UserName.shorten(largest) + "'");
  }
}
