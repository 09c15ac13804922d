package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The hub's default log set-up: found by Logback, one line per event on stderr, quiet libraries. */
class ConsoleLoggingTest {
  @Test
  void logbackFindsItAndItWritesOneLinePerEventToStderr() {
    assertThat(ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream().map(p -> p.type().getName()))
        .contains(ConsoleLogging.class.getName());
    LoggerContext context = new LoggerContext();
    ConsoleLogging.configureConsole(context);
    var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("org.flywaydb.core").getEffectiveLevel()).isEqualTo(Level.WARN);
    var stderr = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
    assertThat(stderr.getTarget()).isEqualTo("System.err");
    var encoder = stderr.getEncoder();
    var event = new ch.qos.logback.classic.spi.LoggingEvent("x", context.getLogger("org.ganymede.app.Ganymede"),
        Level.INFO, "hub {} started", null, new Object[] {"A"});
    assertThat(new String(encoder.encode(event), StandardCharsets.UTF_8)).matches(
        "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} INFO  \\[Ganymede\\] hub A started\\R");
    context.stop();
  }
}
