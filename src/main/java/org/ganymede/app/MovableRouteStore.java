package org.ganymede.app;

import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.ganymede.hub.ProxyTable;
import org.ganymede.proxy.ProxyRoute;
import org.ganymede.proxy.RestRouteStore;
import org.ganymede.proxy.RouteStore;

/**
 * The routes of a proxy in its own process, through an API address that {@code PATCH /api/proxy}
 * may change while the hub runs (a new proxy took over): calls go to the address in use at the time.
 */
final class MovableRouteStore implements RouteStore, ProxyTable.Relocation, AutoCloseable {
  private final Vertx vertx;
  private volatile ProxyTable.ProxyAddress address;
  private volatile RestRouteStore store;
  /** Whether the hub made {@link #store} here (and closes it), or was given it. */
  private volatile boolean own;

  MovableRouteStore(Vertx vertx, ProxyTable.ProxyAddress address, RestRouteStore store) {
    this.vertx = vertx;
    this.address = address;
    this.store = store;
  }

  @Override
  public CompletionStage<Void> add(String routespec, String target, Map<String, Object> data) {
    return store.add(routespec, target, data);
  }

  @Override
  public CompletionStage<Void> delete(String routespec) {
    return store.delete(routespec);
  }

  @Override
  public CompletionStage<Map<String, ProxyRoute>> list() {
    return store.list();
  }

  @Override
  public ProxyTable.ProxyAddress current() {
    return address;
  }

  @Override
  public synchronized void moveTo(ProxyTable.ProxyAddress next) {
    RestRouteStore candidate = RestRouteStore.create(vertx, next.apiUrl(), next.authToken());
    try {
      candidate.list().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      candidate.close();
      String why = e instanceof java.util.concurrent.ExecutionException ? e.getCause().getMessage() : e.toString();
      throw new IllegalArgumentException("the proxy API at " + next.apiUrl() + " did not answer with the given "
          + "token: " + why);
    }
    RestRouteStore previous = store;
    boolean ownedPrevious = own;
    store = candidate;
    address = next;
    own = true;
    if (ownedPrevious) previous.close();
  }

  @Override
  public void close() {
    if (own) store.close();
  }
}
