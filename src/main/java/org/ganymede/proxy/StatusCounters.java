package org.ganymede.proxy;

/**
 * Responses by status code for one event loop. Written only by that loop (plain longs, no
 * contention); readers on other threads may see slightly stale figures, which metrics tolerate.
 */
final class StatusCounters {
  private final long[] byStatus = new long[600];
  long webSockets;

  void count(int status) {
    if (status >= 100 && status < 600) {
      byStatus[status]++;
    }
  }

  long get(int status) {
    return byStatus[status];
  }
}
