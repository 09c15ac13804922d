package org.ganymede.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A relay installed before its peer exists (the target's side while the public side still
 * switches protocols) holds what it reads and hands it over first, in order, at the join.
 */
class ChannelRelayTest {
  private static final String VERTX = "handler";

  private final LiveRoute route = new LiveRoute("/r", Target.parse("http://127.0.0.1:1"), Map.of(), "/r", 0);

  @Test
  void bytesReadBeforeTheJoinGoOutFirstAndInOrder() {
    EmbeddedChannel target = channelWithVertxHandler();
    ChannelRelay relay = ChannelRelay.installBefore(target, VERTX, route, false);
    target.writeInbound(bytes("one,"), bytes("two,"));
    assertThat(target.config().isAutoRead()).as("reading paused while holding").isFalse();

    EmbeddedChannel client = channelWithVertxHandler();
    ChannelRelay.join(relay, VERTX, client, VERTX);
    target.writeInbound(bytes("three"));

    assertThat(drain(client)).isEqualTo("one,two,three");
    assertThat(target.config().isAutoRead()).isTrue();
    assertThat(target.pipeline().get(VERTX)).as("Vert.x handler removed").isNull();
    assertThat(client.pipeline().get(VERTX)).isNull();
    assertThat(route.lastActivityMillis()).isPositive();
  }

  @Test
  void aTargetThatClosedBeforeTheJoinStillDeliversThenClosesTheClient() {
    EmbeddedChannel target = channelWithVertxHandler();
    ChannelRelay relay = ChannelRelay.installBefore(target, VERTX, route, false);
    target.writeInbound(bytes("last words"));
    target.close();

    EmbeddedChannel client = channelWithVertxHandler();
    ChannelRelay.join(relay, VERTX, client, VERTX);

    assertThat(drain(client)).isEqualTo("last words");
    assertThat(client.isOpen()).isFalse();
  }

  @Test
  void aClientGoneBeforeTheJoinClosesTheTargetAndFreesWhatWasHeld() {
    EmbeddedChannel target = channelWithVertxHandler();
    ChannelRelay relay = ChannelRelay.installBefore(target, VERTX, route, false);
    ByteBuf held = bytes("never delivered");
    target.writeInbound(held);
    EmbeddedChannel client = channelWithVertxHandler();
    client.close();

    ChannelRelay.join(relay, VERTX, client, VERTX);

    assertThat(target.isOpen()).isFalse();
    assertThat(held.refCnt()).isZero();
  }

  @Test
  void aFullClientPausesReadingFromTheTarget() {
    EmbeddedChannel target = channelWithVertxHandler();
    ChannelRelay relay = ChannelRelay.installBefore(target, VERTX, route, false);
    EmbeddedChannel client = channelWithVertxHandler();
    client.config().setWriteBufferWaterMark(new io.netty.channel.WriteBufferWaterMark(8, 16));
    ChannelRelay.join(relay, VERTX, client, VERTX);

    // Written but not yet flushed: the client's outbound buffer is above its high-water mark.
    target.pipeline().fireChannelRead(bytes("more than sixteen bytes"));
    assertThat(target.config().isAutoRead()).isFalse();

    client.flushOutbound();
    assertThat(target.config().isAutoRead()).as("reading resumes once the client drained").isTrue();
    assertThat(drain(client)).isEqualTo("more than sixteen bytes");
  }

  private static EmbeddedChannel channelWithVertxHandler() {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.pipeline().addLast(VERTX, new ChannelInboundHandlerAdapter());
    return channel;
  }

  private static ByteBuf bytes(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
  }

  private static String drain(EmbeddedChannel channel) {
    StringBuilder out = new StringBuilder();
    for (ByteBuf buffer; (buffer = channel.readOutbound()) != null; buffer.release()) {
      out.append(buffer.toString(StandardCharsets.ISO_8859_1));
    }
    return out.toString();
  }
}
