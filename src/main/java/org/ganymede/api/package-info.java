/**
 * The JupyterHub REST API under {@code {base_url}hub/api}, in JupyterHub 5's wire format.
 *
 * <p>Every endpoint is a row of {@link org.ganymede.api.ApiRoutes}: method, path, the scopes any of
 * which allows it, and a thin handler (parse → check scope → call {@code hub} → JSON).
 */
package org.ganymede.api;
