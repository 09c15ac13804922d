package org.ganymede.spawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganymede.model.ServerState.FAILED;
import static org.ganymede.model.ServerState.RUNNING;
import static org.ganymede.model.ServerState.STARTING;
import static org.ganymede.model.ServerState.STOPPED;
import static org.ganymede.model.ServerState.STOPPING;
import static org.ganymede.model.ServerState.WAITING_UP;

import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Set;
import org.ganymede.model.ServerState;
import org.junit.jupiter.api.Test;

/** The lifecycle table of {@link ServerState}, and its JupyterHub wire view. */
class ServerStateTest {

  @Test
  void aServerStartsOnlyFromStoppedOrFailed() {
    for (ServerState state : ServerState.values()) {
      assertThat(state.canMoveTo(STARTING)).as(state + " → STARTING").isEqualTo(state == STOPPED || state == FAILED);
    }
  }

  @Test
  void aRunningServerCanOnlyBeStopped() {
    assertThat(RUNNING.successors()).containsExactly(STOPPING);
    assertThat(RUNNING.canMoveTo(STOPPED)).isFalse();
    assertThat(STOPPED.canMoveTo(RUNNING)).isFalse();
  }

  @Test
  void noStateMovesToItself() {
    for (ServerState state : ServerState.values()) {
      assertThat(state.canMoveTo(state)).as(state.name()).isFalse();
    }
  }

  @Test
  void everyStateCanReachStoppedAndRunning() {
    for (ServerState state : ServerState.values()) {
      assertThat(reachableFrom(state)).as("reachable from " + state).contains(STOPPED, RUNNING);
    }
  }

  @Test
  void wireViewMatchesJupyterHub() {
    assertThat(STOPPED.pending()).isEmpty();
    assertThat(STARTING.pending()).contains("spawn");
    assertThat(WAITING_UP.pending()).contains("spawn");
    assertThat(STOPPING.pending()).contains("stop");
    assertThat(RUNNING.pending()).isEmpty();
    assertThat(FAILED.pending()).isEmpty();
    for (ServerState state : ServerState.values()) {
      assertThat(state.ready()).as(state + " ready").isEqualTo(state == RUNNING);
      // JupyterHub: stopped = not (ready or pending)
      assertThat(state.stopped()).as(state + " stopped").isEqualTo(!state.ready() && state.pending().isEmpty());
    }
  }

  private static Set<ServerState> reachableFrom(ServerState start) {
    Set<ServerState> seen = EnumSet.noneOf(ServerState.class);
    ArrayDeque<ServerState> todo = new ArrayDeque<>(start.successors());
    while (!todo.isEmpty()) {
      ServerState next = todo.pop();
      if (seen.add(next)) todo.addAll(next.successors());
    }
    return seen;
  }
}
