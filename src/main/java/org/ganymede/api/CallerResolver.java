package org.ganymede.api;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.ganymede.hub.Caller;

/**
 * Finds who sent a request: a token in the {@code Authorization} header, or the login cookie with a
 * valid XSRF token. Implemented beside the pages, which own cookies.
 */
@FunctionalInterface
public interface CallerResolver {
  /** The caller, empty when the request carries no valid credentials. */
  Optional<Caller> resolve(RoutingContext ctx, boolean api);
}
