package org.ganymede.spawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ganymede.spawn.StopSequence.Signal;
import org.junit.jupiter.api.Test;

/** JupyterHub's stop order, step by step, against a pretend process that ends on a chosen signal. */
class StopSequenceTest {
  private static final StopTimeouts TIMEOUTS = StopTimeouts.ofSeconds(10, 5, 3);

  /** Writes down each signal and each wait; ends on {@code diesOn} (never when empty). */
  static final class ScriptedProcess implements StopSequence.Target {
    final List<String> steps = new ArrayList<>();
    final List<Signal> diesOn;
    boolean alive = true;

    ScriptedProcess(Signal... diesOn) {
      this.diesOn = List.of(diesOn);
    }

    @Override
    public boolean signal(Signal signal) {
      if (!alive) return false;
      steps.add("SIG" + signal);
      if (diesOn.contains(signal)) alive = false;
      return true;
    }

    @Override
    public boolean awaitGone(Duration timeout) {
      steps.add("wait " + timeout.toSeconds() + "s");
      return !alive;
    }
  }

  @Test
  void aProcessEndingOnSigintGetsNothingElse() {
    ScriptedProcess p = new ScriptedProcess(Signal.INT);
    StopSequence.run("p", TIMEOUTS, p);
    assertThat(p.steps).containsExactly("SIGINT", "wait 10s");
  }

  @Test
  void aProcessIgnoringSigintGetsSigtermAfterInterruptTimeout() {
    ScriptedProcess p = new ScriptedProcess(Signal.TERM);
    StopSequence.run("p", TIMEOUTS, p);
    assertThat(p.steps).containsExactly("SIGINT", "wait 10s", "SIGTERM", "wait 5s");
  }

  @Test
  void aProcessIgnoringBothGetsSigkillAfterTermTimeoutAndIsWaitedForKillTimeout() {
    ScriptedProcess p = new ScriptedProcess(Signal.KILL);
    StopSequence.run("p", TIMEOUTS, p);
    assertThat(p.steps).containsExactly("SIGINT", "wait 10s", "SIGTERM", "wait 5s", "SIGKILL", "wait 3s");
  }

  @Test
  void aProcessSurvivingSigkillForKillTimeoutFailsTheStopNamingTheSetting() {
    ScriptedProcess p = new ScriptedProcess();
    assertThatThrownBy(() -> StopSequence.run("server pid 42", TIMEOUTS, p))
        .isInstanceOf(SpawnException.class)
        .hasMessage("server pid 42 is still running 3000 ms after SIGKILL (LocalProcessSpawner.kill_timeout); "
            + "it may be stuck in the kernel");
    assertThat(p.steps).endsWith("SIGKILL", "wait 3s");
  }

  @Test
  void aProcessAlreadyGoneIsNotWaitedFor() {
    ScriptedProcess p = new ScriptedProcess();
    p.alive = false;
    StopSequence.run("p", TIMEOUTS, p);
    assertThat(p.steps).isEmpty();
  }
}
