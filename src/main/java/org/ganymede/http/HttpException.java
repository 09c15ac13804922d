package org.ganymede.http;

import java.util.Optional;

/**
 * An error with an HTTP status, shown to the client. The one unchecked exception family that
 * handlers throw; {@link ErrorRenderer} turns it into JSON for the API or a page for browsers.
 * Messages of 4xx errors are shown as they are; 5xx details stay in the log.
 */
public class HttpException extends RuntimeException {
  private final int status;
  private final Optional<Integer> retryAfterSeconds;

  public HttpException(int status, String message) {
    this(status, message, Optional.empty());
  }

  public HttpException(int status, String message, Optional<Integer> retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public Optional<Integer> retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public static HttpException badRequest(String message) {
    return new HttpException(400, message);
  }

  public static HttpException forbidden(String message) {
    return new HttpException(403, message);
  }

  public static HttpException notFound(String message) {
    return new HttpException(404, message);
  }

  public static HttpException conflict(String message) {
    return new HttpException(409, message);
  }

  public static HttpException tooMany(String message, int retryAfterSeconds) {
    return new HttpException(429, message, Optional.of(retryAfterSeconds));
  }
}
