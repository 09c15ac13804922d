package org.ganymede.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

/** Sets the log level ({@code --log-level}) and the optional log file ({@code --log-file}). */
final class Logging {
  private Logging() {}

  static void configure(String level, String file) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level.equals("WARNING") ? "WARN" : level, Level.INFO));
    context.getLogger("org.ganymede").setLevel(root.getLevel());
    if (file != null && !file.isEmpty()) {
      PatternLayoutEncoder encoder = new PatternLayoutEncoder();
      encoder.setContext(context);
      encoder.setPattern(ConsoleLogging.PATTERN);
      encoder.start();
      FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new FileAppender<>();
      appender.setContext(context);
      appender.setFile(file);
      appender.setEncoder(encoder);
      appender.start();
      root.addAppender(appender);
    }
  }
}
