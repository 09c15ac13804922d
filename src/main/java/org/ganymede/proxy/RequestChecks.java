package org.ganymede.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.List;

/**
 * Refuses request shapes that two HTTP parsers could read differently (request smuggling).
 *
 * <p>Netty already answers malformed request lines (400) and oversized headers (431) and rejects
 * differing duplicate {@code Content-Length}s. These checks add what a proxy must not pass on:
 * {@code Transfer-Encoding} other than exactly {@code chunked}, {@code Transfer-Encoding} next to
 * {@code Content-Length}, repeated or non-numeric {@code Content-Length}, chunked HTTP/1.0, and a
 * missing or repeated {@code Host} on HTTP/1.1.
 */
final class RequestChecks {
  private RequestChecks() {}

  /** The reason to refuse the request, or {@code null} if it may be forwarded. */
  static String problem(HttpServerRequest request) {
    MultiMap headers = request.headers();
    List<String> transferEncodings = headers.getAll("transfer-encoding");
    List<String> contentLengths = headers.getAll("content-length");
    if (!transferEncodings.isEmpty()) {
      if (transferEncodings.size() > 1 || !transferEncodings.get(0).trim().equalsIgnoreCase("chunked")) {
        return "Transfer-Encoding other than 'chunked': " + transferEncodings;
      }
      if (!contentLengths.isEmpty()) {
        return "both Transfer-Encoding and Content-Length";
      }
      if (request.version() == HttpVersion.HTTP_1_0) {
        return "Transfer-Encoding on HTTP/1.0";
      }
    }
    if (contentLengths.size() > 1) {
      return "repeated Content-Length";
    }
    if (contentLengths.size() == 1) {
      String length = contentLengths.get(0);
      if (length.isEmpty() || length.length() > 18 || !length.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return "bad Content-Length '" + length + "'";
      }
    }
    if (request.version() == HttpVersion.HTTP_1_1) {
      List<String> hosts = headers.getAll("host");
      if (hosts.size() != 1) {
        return hosts.isEmpty() ? "no Host header" : "repeated Host header";
      }
    }
    if (request.path() == null) {
      return "request target is not a path";
    }
    return null;
  }

  static boolean hasBody(HttpServerRequest request) {
    return request.headers().contains("content-length") || request.headers().contains("transfer-encoding");
  }
}
