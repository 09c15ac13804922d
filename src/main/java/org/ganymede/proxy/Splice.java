package org.ganymede.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Copies bytes from one socket to another with back-pressure: reading pauses while the
 * destination's write queue is full and resumes when it drains. Like {@code pipeTo}, but it also
 * records route activity per chunk (a clock read and a compare).
 *
 * <p>Half-close: on plain TCP a FIN from one side becomes a FIN to the other side once the bytes
 * before it are flushed, and the other direction keeps flowing; the pair is closed when both
 * directions are done. Vert.x closes a socket on FIN and does not report half-closure, so this
 * turns on Netty's {@code ALLOW_HALF_CLOSURE} and listens for the input-shutdown event itself.
 * Over TLS the end of one side closes the other.
 */
final class Splice {
  private Splice() {}

  /** The Netty channel under a Vert.x HTTP connection, or {@code null} if it is not one. */
  static Channel channelOf(HttpConnection connection) {
    return connection instanceof ConnectionBase base ? base.channel() : null;
  }

  static void between(NetSocket from, Channel fromChannel, NetSocket to, Channel toChannel, LiveRoute route) {
    to.drainHandler(v -> from.resume());
    from.handler(buffer -> {
      to.write(buffer);
      route.touch();
      if (to.writeQueueFull()) {
        from.pause();
      }
    });
    from.exceptionHandler(e -> to.close());
    from.closeHandler(v -> to.end());
    if (halfClosable(fromChannel) && halfClosable(toChannel)) {
      fromChannel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
      fromChannel.pipeline().addFirst(new InputShutdownListener((DuplexChannel) fromChannel, (DuplexChannel) toChannel));
    } else {
      from.endHandler(v -> to.end());
    }
  }

  private static boolean halfClosable(Channel channel) {
    return channel instanceof DuplexChannel && channel.pipeline().get(SslHandler.class) == null;
  }

  /** Turns a FIN read on {@code source} into a FIN written on {@code destination}. */
  private static final class InputShutdownListener extends ChannelInboundHandlerAdapter {
    private final DuplexChannel source;
    private final DuplexChannel destination;

    InputShutdownListener(DuplexChannel source, DuplexChannel destination) {
      this.source = source;
      this.destination = destination;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
      if (event instanceof ChannelInputShutdownEvent) {
        // The empty write is queued behind the data already written, so FIN follows it.
        destination.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) written ->
            destination.shutdownOutput().addListener(done -> {
              if (source.isOutputShutdown() || !done.isSuccess()) {
                source.close();
                destination.close();
              }
            }));
      }
      super.userEventTriggered(ctx, event);
    }

    @Override
    public boolean isSharable() {
      return false;
    }
  }
}
