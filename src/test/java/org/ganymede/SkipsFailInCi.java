package org.ganymede;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Turns a skipped test into a failed one in CI. Tests that need root, Chromium, PostgreSQL or
 * Debian's jupyterhub skip through JUnit assumptions when the machine lacks them, which is right on
 * a laptop; in CI (environment variable {@code CI} set, as GitHub Actions, GitLab and {@code .ci/run}
 * do) a skip means the part was never tested, so it fails with the assumption's message.
 *
 * <p>Registered for every test class by auto-detection ({@code META-INF/services} and
 * {@code junit-platform.properties}), so a test only writes {@code assumeTrue(...)} as usual. The
 * configuration parameter {@value #CI_PARAMETER} overrides the environment (its own test uses it).
 */
public final class SkipsFailInCi implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
  /** A JUnit configuration parameter that, when present, decides instead of the environment. */
  public static final String CI_PARAMETER = "ganymede.ci";

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
    throw outcome(thrown, inCi(context));
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
    throw outcome(thrown, inCi(context));
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
    throw outcome(thrown, inCi(context));
  }

  /** What to throw for {@code thrown}: a skip becomes a failure in CI, everything else passes through. */
  static Throwable outcome(Throwable thrown, boolean inCi) {
    if (!inCi || !(thrown instanceof TestAbortedException)) return thrown;
    AssertionError failure = new AssertionError("skipped in CI (CI is set, so every test must run): "
        + thrown.getMessage(), thrown);
    return failure;
  }

  static boolean inCi(ExtensionContext context) {
    Optional<String> parameter = context.getConfigurationParameter(CI_PARAMETER);
    return parameter.map(SkipsFailInCi::truthy).orElseGet(() -> inCi(System.getenv()));
  }

  /** CI as CI services set it: any value but empty, {@code false} or {@code 0}. */
  static boolean inCi(Map<String, String> env) {
    return truthy(env.getOrDefault("CI", ""));
  }

  private static boolean truthy(String value) {
    String v = value.strip();
    return !v.isEmpty() && !v.equalsIgnoreCase("false") && !v.equals("0");
  }
}
