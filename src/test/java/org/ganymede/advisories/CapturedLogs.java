package org.ganymede.advisories;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log event at DEBUG and above while open, rendered as message plus stack, one string per line. */
final class CapturedLogs implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Level oldLevel = root.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private CapturedLogs() {
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.DEBUG);
  }

  static CapturedLogs start() {
    return new CapturedLogs();
  }

  List<String> lines() {
    List<String> out = new ArrayList<>();
    for (ILoggingEvent e : List.copyOf(appender.list)) {
      String text = e.getLoggerName() + " " + e.getFormattedMessage()
          + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy()));
      out.addAll(text.lines().toList());
    }
    return out;
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    root.setLevel(oldLevel);
  }
}
