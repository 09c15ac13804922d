package org.ganymede.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Large bodies stream through with bounded heap, in both directions and to a slow reader. */
class ProxyStreamingTest {
  static final long SIZE = 256L * 1024 * 1024;
  static Vertx vertx;
  static EchoBackend backend;
  static ProxyServer proxy;
  static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    QuietLogs.apply();
    vertx = Vertx.vertx();
    backend = EchoBackend.start(vertx);
    proxy = ProxyServer.start(vertx, ProxyOptions.builder().ip("127.0.0.1").port(0).eventLoops(2).build());
    proxy.routes().add("/user/alice/", backend.url(), Map.of()).toCompletableFuture().get();
    client = vertx.createHttpClient();
  }

  @AfterAll
  static void stop() {
    proxy.close();
    backend.close();
    vertx.close();
  }

  RequestOptions to(HttpMethod method, String uri) {
    return new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(proxy.publicPort()).setURI(uri);
  }

  @Test
  void a256MiBUploadStreamsThroughWithBoundedHeap() throws Exception {
    try (HeapWatch heap = new HeapWatch()) {
      String answer = client.request(to(HttpMethod.POST, "/user/alice/?upload"))
          .compose(req -> {
            req.putHeader("content-length", Long.toString(SIZE));
            return req.send(new EchoBackend.Generator(SIZE));
          })
          .compose(HttpClientResponse::body)
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS).toString();
      assertThat(Long.parseLong(answer)).isEqualTo(SIZE);
      report(heap);
      assertThat(heap.peakLiveBytes()).isLessThan(SIZE / 2);
      assertThat(heap.peakDirectBytes()).isLessThan(SIZE / 4);
    }
  }

  @Test
  void aChunkedUploadStreamsThrough() throws Exception {
    String answer = client.request(to(HttpMethod.POST, "/user/alice/?upload"))
        .compose(req -> req.setChunked(true).send(new EchoBackend.Generator(SIZE / 8)))
        .compose(HttpClientResponse::body)
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS).toString();
    assertThat(Long.parseLong(answer)).isEqualTo(SIZE / 8);
  }

  @Test
  void a256MiBDownloadStreamsThroughWithBoundedHeap() throws Exception {
    try (HeapWatch heap = new HeapWatch()) {
      assertThat(download(SIZE, false)).isEqualTo(SIZE);
      report(heap);
      assertThat(heap.peakLiveBytes()).isLessThan(SIZE / 2);
      assertThat(heap.peakDirectBytes()).isLessThan(SIZE / 4);
    }
  }

  @Test
  void aSlowReaderHoldsTheTargetBackInsteadOfFillingTheHeap() throws Exception {
    try (HeapWatch heap = new HeapWatch()) {
      assertThat(download(SIZE / 4, true)).isEqualTo(SIZE / 4);
      report(heap);
      assertThat(heap.peakLiveBytes()).isLessThan(SIZE / 4);
      assertThat(heap.peakDirectBytes()).isLessThan(SIZE / 8);
    }
  }

  private static void report(HeapWatch heap) {
    System.out.printf("peak live heap %d MiB, peak direct %d MiB%n", heap.peakLiveBytes() >> 20, heap.peakDirectBytes() >> 20);
  }

  /** Downloads through the proxy; a slow reader pauses for 50 ms after every 4 MiB. */
  private long download(long size, boolean slow) throws Exception {
    CompletableFuture<Long> done = new CompletableFuture<>();
    AtomicLong received = new AtomicLong();
    client.request(to(HttpMethod.GET, "/user/alice/?download=" + size)).compose(req -> req.send())
        .onFailure(done::completeExceptionally)
        .onSuccess(response -> {
          long[] nextPause = {4 << 20};
          response.handler(buffer -> {
            long total = received.addAndGet(buffer.length());
            if (slow && total >= nextPause[0]) {
              nextPause[0] += 4 << 20;
              response.pause();
              vertx.setTimer(50, id -> response.resume());
            }
          });
          response.exceptionHandler(done::completeExceptionally);
          response.endHandler(v -> done.complete(received.get()));
        });
    return done.get(60, TimeUnit.SECONDS);
  }
}
