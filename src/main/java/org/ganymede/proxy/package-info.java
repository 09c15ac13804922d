/**
 * The Ganymede proxy: the public listener every user request passes through.
 *
 * <p>Owns the route table (an immutable trie of {@linkplain RouteSpecs normalised routespecs},
 * swapped atomically on change), HTTP/1.1 and WebSocket forwarding with back-pressure, CHP-style
 * error answers, per-route activity, the configurable-http-proxy compatible REST API, and the
 * {@link org.ganymede.proxy.RouteStore} SPI the hub uses (embedded: {@link ProxyServer#routes()};
 * separate process: {@link RestRouteStore}).
 *
 * <p>Words: a <em>routespec</em> is a path prefix ({@code /user/alice}) or, with host routing,
 * {@code /host/path}; a <em>target</em> is the URL requests are forwarded to; <em>activity</em> is
 * the last time a route saw successful traffic, kept in memory at one-second resolution.
 */
package org.ganymede.proxy;
