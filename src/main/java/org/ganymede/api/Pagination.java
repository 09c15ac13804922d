package org.ganymede.api;

import io.vertx.core.buffer.Buffer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ganymede.http.HttpException;
import org.ganymede.http.Json;
import org.ganymede.http.Responder.Reply;

/**
 * JupyterHub's pagination: {@code offset} and {@code limit}; with the
 * {@code application/jupyterhub-pagination+json} Accept header the reply wraps items with
 * {@code _pagination} and the default limit is {@code api_page_default_limit}, otherwise it is a bare
 * list capped at {@code api_page_max_limit}.
 */
record Pagination(int offset, int limit, boolean wrapped) {
  static final String MEDIA_TYPE = "application/jupyterhub-pagination+json";

  static Pagination of(ApiRequest req, int defaultLimit, int maxLimit) {
    boolean wrapped = req.header("Accept").map(a -> a.contains(MEDIA_TYPE)).orElse(false);
    int offset = parse(req, "offset", 0);
    if (offset < 0) throw HttpException.badRequest("offset must be a non-negative integer, got " + offset);
    int limit = parse(req, "limit", wrapped ? defaultLimit : maxLimit);
    limit = Math.max(1, Math.min(limit, maxLimit));
    return new Pagination(offset, limit, wrapped);
  }

  private static int parse(ApiRequest req, String name, int fallback) {
    return req.query(name).filter(s -> !s.isEmpty()).map(s -> {
      try {
        return Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw HttpException.badRequest(name + " must be an integer, got '" + s + "'");
      }
    }).orElse(fallback);
  }

  <T> List<T> page(List<T> all) {
    if (offset >= all.size()) return List.of();
    return all.subList(offset, Math.min(all.size(), offset + limit));
  }

  /**
   * The reply: the page itself, or the wrapped form with {@code _pagination}. Items come already
   * serialized (a list of 10,000 users is mostly cached JSON) and are joined into one buffer.
   */
  Reply reply(List<byte[]> page, int total, ApiRequest req, String path) {
    int size = 64;
    for (byte[] item : page) size += item.length + 1;
    Buffer body = Buffer.buffer(size);
    if (wrapped) body.appendString("{\"items\":");
    body.appendByte((byte) '[');
    for (int i = 0; i < page.size(); i++) {
      if (i > 0) body.appendByte((byte) ',');
      body.appendBytes(page.get(i));
    }
    body.appendByte((byte) ']');
    if (wrapped) body.appendString(",\"_pagination\":").appendBytes(Json.writeBytes(pagination(total, req, path)))
        .appendByte((byte) '}');
    return Reply.json(200, body);
  }

  /** A page of a dictionary (the proxy's routes): {@code items} is an object, not a list. */
  Reply reply(Map<String, ?> page, int total, ApiRequest req, String path) {
    if (!wrapped) return Reply.json(200, page);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", page);
    body.put("_pagination", pagination(total, req, path));
    return Reply.json(200, body);
  }

  private Map<String, Object> pagination(int total, ApiRequest req, String path) {
    Object next = null;
    int nextOffset = offset + limit;
    if (nextOffset < total) {
      next = Map.of("offset", nextOffset, "limit", limit,
          "url", req.origin() + path + "?" + nextQuery(req, nextOffset));
    }
    Map<String, Object> pagination = new LinkedHashMap<>();
    pagination.put("offset", offset);
    pagination.put("limit", limit);
    pagination.put("total", total);
    pagination.put("next", next);
    return pagination;
  }

  /**
   * The query of the next page: the request's own parameters ({@code sort}, {@code state}…) in
   * their order, with {@code offset} and {@code limit} replaced or appended, as JupyterHub builds it.
   */
  private String nextQuery(ApiRequest req, int nextOffset) {
    Map<String, List<String>> query = new LinkedHashMap<>(req.queryParams());
    query.put("offset", List.of(Integer.toString(nextOffset)));
    query.put("limit", List.of(Integer.toString(limit)));
    StringBuilder out = new StringBuilder();
    query.forEach((name, values) -> values.forEach(v -> {
      if (!out.isEmpty()) out.append('&');
      out.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
    }));
    return out.toString();
  }
}
