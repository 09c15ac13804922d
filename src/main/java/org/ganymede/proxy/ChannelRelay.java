package org.ganymede.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * One end of an upgraded (WebSocket) tunnel: a Netty handler that writes every buffer read from
 * its channel to the peer channel, nothing else. It replaces Vert.x's handler once the handshake
 * is done, so an idle tunnel holds two Netty channels and two of these, and no HTTP connection,
 * request, headers or message queues.
 *
 * <p>Back-pressure: reading stops while the peer's outbound buffer is above its high-water mark
 * and resumes when it drains. Half-close: on plain TCP a FIN read here becomes a FIN written to
 * the peer once the bytes before it are flushed, and the other direction keeps flowing; the pair
 * is closed when both directions are done. Over TLS the end of one side closes the other. Reads
 * count as route activity.
 *
 * <p>An end may be installed before its peer exists (the target's side, while the public side
 * still switches protocols): what it reads meanwhile is held, in order, with reading paused,
 * and goes out first when the two are {@linkplain #join joined}. Confined to the event loop that
 * both channels share.
 */
final class ChannelRelay extends ChannelInboundHandlerAdapter {
  static final String NAME = "ganymede-relay";

  private final Channel channel;
  private final LiveRoute route;
  private final boolean halfClose;
  private Channel peer;
  private ArrayDeque<ByteBuf> held;
  private boolean heldInputShutdown;
  private boolean heldInactive;
  private boolean wrote;

  private ChannelRelay(Channel channel, LiveRoute route, boolean halfClose) {
    this.channel = channel;
    this.route = route;
    this.halfClose = halfClose;
  }

  /** Whether a FIN on one channel can be passed on as a FIN on the other (plain TCP both sides). */
  static boolean canHalfClose(Channel a, Channel b) {
    return halfClosable(a) && halfClosable(b);
  }

  private static boolean halfClosable(Channel channel) {
    return channel instanceof DuplexChannel && channel.pipeline().get(SslHandler.class) == null;
  }

  /**
   * Puts a relay in front of the handler named {@code before} (Vert.x's), so that from now on
   * this relay sees every read; it holds them until {@link #join}.
   */
  static ChannelRelay installBefore(Channel channel, String before, LiveRoute route, boolean halfClose) {
    ChannelRelay relay = new ChannelRelay(channel, route, halfClose);
    if (halfClose) {
      channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    }
    channel.pipeline().addBefore(before, NAME, relay);
    return relay;
  }

  /**
   * Connects {@code first} (installed earlier, maybe holding bytes) with {@code other}, whose
   * Vert.x handler {@code otherHandler} is replaced by a new relay. Vert.x's handler after
   * {@code first} is removed too: neither channel reaches Vert.x again.
   */
  static void join(ChannelRelay first, String firstVertxHandler, Channel other, String otherHandler) {
    if (!other.isActive() || other.pipeline().get(otherHandler) == null) {
      // Gone while switching protocols (a closed channel's pipeline is emptied).
      first.abandon();
      return;
    }
    ChannelRelay second = new ChannelRelay(other, first.route, first.halfClose);
    if (second.halfClose) {
      other.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    }
    other.pipeline().replace(otherHandler, NAME, second);
    if (first.channel.pipeline().get(firstVertxHandler) != null) {
      first.channel.pipeline().remove(firstVertxHandler);
    }
    second.peer = first.channel;
    first.peer = other;
    first.release();
  }

  /** Closes a relay still waiting for its peer (the other side never switched). */
  void abandon() {
    discardHeld();
    channel.close();
  }

  private void discardHeld() {
    if (held != null) {
      held.forEach(ByteBuf::release);
      held = null;
    }
  }

  /** Sends what was read before the peer existed, then any FIN or close seen meanwhile. */
  private void release() {
    if (held != null) {
      ArrayDeque<ByteBuf> buffers = held;
      held = null;
      for (ByteBuf buffer : buffers) {
        peer.write(buffer, peer.voidPromise());
      }
      peer.flush();
    }
    if (heldInactive) {
      channelInactive(null);
      return;
    }
    if (heldInputShutdown) {
      inputShutdown();
    }
    if (peer.isWritable()) {
      channel.config().setAutoRead(true);
    } else {
      channel.config().setAutoRead(false);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf buffer)) {
      // The end-of-response marker an HTTP decoder emits as it is removed.
      ReferenceCountUtil.release(msg);
      return;
    }
    if (!buffer.isReadable()) {
      buffer.release();
      return;
    }
    if (peer == null) {
      if (held == null) {
        held = new ArrayDeque<>(4);
      }
      held.add(buffer);
      channel.config().setAutoRead(false);
      return;
    }
    peer.write(buffer, peer.voidPromise());
    wrote = true;
    route.touch();
    if (!peer.isWritable()) {
      channel.config().setAutoRead(false);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (wrote) {
      wrote = false;
      peer.flush();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    // This channel drained: its peer, which writes into it, may read again.
    if (peer != null && channel.isWritable() && peer.isActive()) {
      peer.config().setAutoRead(true);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (peer == null) {
      heldInactive = true;
      return;
    }
    // Whatever was written to the peer goes out before it closes.
    peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof ChannelInputShutdownEvent) {
      if (peer == null) {
        heldInputShutdown = true;
      } else {
        inputShutdown();
      }
    } else if (event instanceof IdleStateEvent) {
      channel.close();
    }
    ReferenceCountUtil.release(event);
  }

  /** A FIN read here: FIN to the peer after the bytes before it; both closed once both ended. */
  private void inputShutdown() {
    if (!halfClose) {
      channel.close();
      return;
    }
    DuplexChannel source = (DuplexChannel) channel;
    DuplexChannel destination = (DuplexChannel) peer;
    destination.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) written ->
        destination.shutdownOutput().addListener(done -> {
          if (source.isOutputShutdown() || !done.isSuccess()) {
            source.close();
            destination.close();
          }
        }));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A reset or TLS failure: the tunnel is over (the close reaches the peer via channelInactive).
    channel.close();
  }
}
