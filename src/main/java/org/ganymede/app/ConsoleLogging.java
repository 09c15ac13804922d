package org.ganymede.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's default set-up for the hub, in code (found by Logback through the service loader):
 * one line per event on stderr, journald-friendly; {@code --log-level} and {@code --log-file}
 * adjust it later ({@link Logging}). The equivalent logback.xml cost every start ~0.05 s more
 * (an XML parser and Logback's model builder, 126 ms against 60–75 ms measured). An
 * administrator's own file still wins:
 * with {@code -Dlogback.configurationFile=…} (or a logback-test.xml, in tests) this steps aside.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{ISO8601} %-5level [%logger{0}] %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || ConsoleLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    configureConsole(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  static void configureConsole(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(stderr);
    context.getLogger("org.flywaydb").setLevel(Level.WARN);
    context.getLogger("io.netty").setLevel(Level.INFO);
    context.getLogger("io.vertx").setLevel(Level.INFO);
  }
}
