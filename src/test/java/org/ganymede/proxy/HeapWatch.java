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

  HeapWatch() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()) {
        pool.resetPeakUsage();
      }
    }
    sampler.scheduleAtFixedRate(this::sample, 0, 20, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
      if (afterGc != null) {
        used += afterGc.getUsed();
      }
    }
    peak.accumulateAndGet(used, Math::max);
    long direct = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      direct += pool.getMemoryUsed();
    }
    peakDirect.accumulateAndGet(direct, Math::max);
  }

  /** Peak NIO direct memory (Netty's buffers on Java 25, where it allocates through NIO). */
  long peakDirectBytes() {
    sample();
    return peakDirect.get();
  }

  long peakLiveBytes() {
    sample();
    return peak.get();
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
