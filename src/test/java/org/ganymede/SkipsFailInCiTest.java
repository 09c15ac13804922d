package org.ganymede;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

class SkipsFailInCiTest {

  /** Stand-ins for tests whose machine lacks something; run only by the launcher below (Surefire skips nested classes). */
  static class NeedsAMissingTool {
    @Test
    void needsIt() {
      assumeTrue(false, "needs /usr/bin/not-installed");
    }
  }

  static class NeedsAMissingToolBeforeEach {
    @BeforeEach
    void check() {
      assumeTrue(false, "needs root");
    }

    @Test
    void needsIt() {}
  }

  @Test
  void aSkippedTestFailsWhenCiIsSet() {
    TestExecutionSummary summary = run(NeedsAMissingTool.class, "true");
    assertThat(summary.getTestsFailedCount()).isEqualTo(1);
    assertThat(summary.getTestsAbortedCount()).isZero();
    assertThat(summary.getFailures().getFirst().getException())
        .hasMessageContaining("skipped in CI").hasMessageContaining("needs /usr/bin/not-installed");
  }

  @Test
  void anAssumptionInBeforeEachFailsWhenCiIsSet() {
    TestExecutionSummary summary = run(NeedsAMissingToolBeforeEach.class, "1");
    assertThat(summary.getTestsFailedCount()).isEqualTo(1);
    assertThat(summary.getFailures().getFirst().getException()).hasMessageContaining("needs root");
  }

  @Test
  void aSkippedTestStaysSkippedOutsideCi() {
    TestExecutionSummary summary = run(NeedsAMissingTool.class, "false");
    assertThat(summary.getTestsAbortedCount()).isEqualTo(1);
    assertThat(summary.getTestsFailedCount()).isZero();
  }

  @Test
  void ciIsReadAsCiServicesSetIt() {
    assertThat(SkipsFailInCi.inCi(Map.of("CI", "true"))).isTrue();
    assertThat(SkipsFailInCi.inCi(Map.of("CI", "1"))).isTrue();
    assertThat(SkipsFailInCi.inCi(Map.of("CI", "false"))).isFalse();
    assertThat(SkipsFailInCi.inCi(Map.of("CI", ""))).isFalse();
    assertThat(SkipsFailInCi.inCi(Map.of())).isFalse();
  }

  private static TestExecutionSummary run(Class<?> testClass, String ci) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(testClass))
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
        .configurationParameter(SkipsFailInCi.CI_PARAMETER, ci)
        .build(), listener);
    return listener.getSummary();
  }
}
