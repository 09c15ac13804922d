package org.ganymede.proxy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Without a logback config everything logs at DEBUG, which slows the streaming tests down. */
final class QuietLogs {
  private QuietLogs() {}

  static void apply() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
  }
}
