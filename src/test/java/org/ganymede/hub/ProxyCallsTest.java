package org.ganymede.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Waiting on proxy calls: the result, or a failure that names the call. */
class ProxyCallsTest {
  @Test
  void anAnsweredCallGivesItsResult() {
    assertThat(ProxyCalls.await(CompletableFuture.completedFuture("ok"), "listing the proxy's routes")).isEqualTo("ok");
  }

  @Test
  void aFailedCallIsNamedWithTheProxysError() {
    assertThatThrownBy(() -> ProxyCalls.await(CompletableFuture.failedFuture(new RuntimeException("connection refused")),
        "removing the route /user/alice/"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("removing the route /user/alice/ failed: connection refused");
  }

  @Test
  void anInterruptedWaitKeepsTheInterruptAndNamesTheCall() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> ProxyCalls.await(new CompletableFuture<Void>(), "adding the route /user/alice/"))
          .hasMessage("adding the route /user/alice/ was interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
