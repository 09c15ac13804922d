package org.ganymede.proxy;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the heap still in use after each garbage collection (live data, not garbage waiting
 * to be collected) and NIO direct memory, keeping the peaks, so a test can show a stream was not
 * buffered whole.
 */
final class HeapWatch implements AutoCloseable {
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong peak = new AtomicLong();
  private final AtomicLong peakDirect = new AtomicLong();
  private final long baseline;
  private final long directBaseline;

  HeapWatch() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()) {
        pool.resetPeakUsage();
      }
    }
    // Other tests share this JVM: what was live before the watch started is not the stream's.
    baseline = liveAfterGc();
    directBaseline = direct();
    sampler.scheduleAtFixedRate(this::sample, 0, 20, TimeUnit.MILLISECONDS);
  }

  private static long liveAfterGc() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
      if (afterGc != null) {
        used += afterGc.getUsed();
      }
    }
    return used;
  }

  private static long direct() {
    long direct = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      direct += pool.getMemoryUsed();
    }
    return direct;
  }

  private void sample() {
    peak.accumulateAndGet(liveAfterGc() - baseline, Math::max);
    peakDirect.accumulateAndGet(direct() - directBaseline, Math::max);
  }

  /** Peak NIO direct memory above what was in use when the watch started (Netty's buffers on Java 25, where it allocates through NIO). */
  long peakDirectBytes() {
    sample();
    return peakDirect.get();
  }

  /** Peak live heap above what was live when the watch started. */
  long peakLiveBytes() {
    sample();
    return peak.get();
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
