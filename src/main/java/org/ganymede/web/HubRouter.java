package org.ganymede.web;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import org.ganymede.http.ErrorRenderer;
import org.ganymede.http.HttpException;

/**
 * The hub listener's router, front and back: what every request passes before the API and page
 * routes (security headers, the API's body rule, the body limit) and after them (404 for what no
 * route took, and the one place that renders errors).
 */
public final class HubRouter {
  /** Largest request body, API or form. */
  public static final int BODY_LIMIT = 1024 * 1024;

  private HubRouter() {}

  /**
   * A router with the front matter installed; mount the API and page routes on it, then call
   * {@link #finish}.
   *
   * @param version the {@code X-JupyterHub-Version} every answer carries
   * @param hsts the {@code Strict-Transport-Security} value, when the public side has a trusted certificate
   */
  public static Router create(Vertx vertx, String baseUrl, String version, Optional<String> hsts) {
    Router root = Router.router(vertx);
    String apiPath = baseUrl + "hub/api/";
    root.route().handler(ctx -> {
      var headers = ctx.response().headers();
      headers.set("X-JupyterHub-Version", version);
      headers.set("X-Content-Type-Options", "nosniff");
      headers.set("Referrer-Policy", "same-origin");
      hsts.ifPresent(value -> headers.set("Strict-Transport-Security", value));
      // API answers are data, never to be framed or to load anything; pages may frame each other.
      headers.set("Content-Security-Policy", ctx.normalizedPath().startsWith(baseUrl + "hub/api")
          ? "frame-ancestors 'none'; default-src 'none'" : "frame-ancestors 'self'");
      ctx.next();
    });
    root.route().handler(ctx -> {
      // JupyterHub reads API bodies as JSON whatever their Content-Type (`curl -d '{...}'` sends
      // form-urlencoded); only the OAuth endpoints take forms. So API bodies are not parsed as forms.
      String path = ctx.normalizedPath();
      String type = ctx.request().getHeader("Content-Type");
      if (type != null && path.startsWith(apiPath) && !path.startsWith(apiPath + "oauth2/")
          && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/"))) {
        ctx.request().headers().set("Content-Type", "application/octet-stream");
      }
      ctx.next();
    });
    root.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    return root;
  }

  /** The back: a 404 for what no route took; errors as JSON under the API, as a page elsewhere. */
  public static void finish(Router root, String apiPrefix, Templates templates) {
    root.route().handler(ctx -> ctx.fail(HttpException.notFound("Page not found")));
    ErrorRenderer errors = new ErrorRenderer(apiPrefix, templates::error);
    root.route().failureHandler(errors::handle);
  }
}
