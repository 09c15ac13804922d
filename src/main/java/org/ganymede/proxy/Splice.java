package org.ganymede.proxy;

import io.vertx.core.net.NetSocket;

/**
 * Copies bytes from one socket to another with back-pressure: reading pauses while the
 * destination's write queue is full and resumes when it drains. Like {@code pipeTo}, but it also
 * records route activity per chunk (a clock read and a compare) and ends rather than closes the
 * destination, so data already written is flushed first.
 */
final class Splice {
  private Splice() {}

  static void between(NetSocket from, NetSocket to, LiveRoute route) {
    to.drainHandler(v -> from.resume());
    from.handler(buffer -> {
      to.write(buffer);
      route.touch();
      if (to.writeQueueFull()) {
        from.pause();
      }
    });
    from.endHandler(v -> to.end());
    from.exceptionHandler(e -> to.close());
    from.closeHandler(v -> to.end());
  }
}
