package org.ganymede.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.ganymede.hub.SpawnEvent;
import org.junit.jupiter.api.Test;

/** Spawn events on the progress stream: the fields and their order of JupyterHub's {@code SpawnProgressAPIHandler}. */
class ProgressEventsTest {
  @Test
  void aStepIsItsProgressAndMessage() {
    assertThat(ProgressEvents.sse(new SpawnEvent.Step(0, "Server requested")))
        .isEqualTo("data: {\"progress\":0,\"message\":\"Server requested\"}\n\n");
  }

  @Test
  void readyCarriesTheServerUrlAsTextAndAsALink() {
    assertThat(ProgressEvents.sse(new SpawnEvent.Ready("/user/alice/"))).isEqualTo("data: {\"progress\":100,"
        + "\"ready\":true,\"message\":\"Server ready at /user/alice/\","
        + "\"html_message\":\"Server ready at <a href=\\\"/user/alice/\\\">/user/alice/</a>\","
        + "\"url\":\"/user/alice/\"}\n\n");
  }

  @Test
  void failedSaysWhyAfterTheFailedFlag() {
    assertThat(ProgressEvents.sse(new SpawnEvent.Failed("Spawn failed: exit 3")))
        .isEqualTo("data: {\"progress\":100,\"failed\":true,\"message\":\"Spawn failed: exit 3\"}\n\n");
  }

  @Test
  void onlyReadyAndFailedEndTheStream() {
    assertThat(new SpawnEvent.Step(100, "almost").ends()).isFalse();
    assertThat(new SpawnEvent.Ready("/user/alice/").ends()).isTrue();
    assertThat(new SpawnEvent.Failed("Spawn failed: no").ends()).isTrue();
  }
}
