package org.ganymede.api;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.ganymede.hub.Caller;
import org.ganymede.http.Responder.Reply;

/**
 * JupyterHub's OAuth "Authorize access" page, shown when someone opens a server that is not their
 * own. It posts the scopes back to the same {@code /oauth2/authorize} URL with the XSRF token.
 * Implemented beside the other pages, which own templates and cookies.
 */
@FunctionalInterface
public interface ConsentPage {
  Reply render(RoutingContext ctx, Caller caller, String clientDescription, List<String> scopes);
}
