package dev.tocsin.alerting.notify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;

/**
 * Queues the alert records read and not yet settled in offset order per partition, and the releases
 * and repeats, which are bound to no offset.
 */
final class PartitionQueues {

  // Records read ahead of a partition's head while it waits in a group.
  private static final int MAX_QUEUED = 10_000;

  private final Map<TopicPartition, ArrayDeque<Pending>> pending = new HashMap<>();
  private final List<Pending> unbound = new ArrayList<>();
  private final AtomicInteger count = new AtomicInteger();

  PartitionQueues(MeterRegistry meters) {
    Gauge.builder("tocsin.notifier.pending", count, AtomicInteger::get)
        .description("Alert records read and not yet settled")
        .register(meters);
  }

  /** Queues the record of {@code p} behind the others of its partition. */
  void add(Pending p) {
    pending.computeIfAbsent(p.partition(), k -> new ArrayDeque<>()).add(p);
    count.incrementAndGet();
  }

  /** Queues a release or a repeat. */
  void addUnbound(Pending p) {
    unbound.add(p);
    count.incrementAndGet();
  }

  /** Returns each partition's queue, oldest record first. */
  Collection<ArrayDeque<Pending>> partitions() {
    return pending.values();
  }

  /** Returns the releases and repeats, as a copy. */
  List<Pending> unbound() {
    return List.copyOf(unbound);
  }

  /**
   * Pops the settled records at the head of each partition's queue, queueing their offsets in
   * {@code outbox}, and drops the settled releases and repeats.
   */
  void advance(Outbox outbox) {
    for (ArrayDeque<Pending> queue : pending.values()) {
      while (!queue.isEmpty() && queue.peek().open.isEmpty()) {
        Pending head = queue.poll();
        count.decrementAndGet();
        if (!head.offsetQueued) {
          outbox.consumed(head.record);
        }
      }
    }
    removeUnbound(p -> p.open.isEmpty());
  }

  /**
   * Returns whether {@code partition} should not be polled: its head waits on a delivery, not just
   * in a group, or too many records are queued behind it.
   */
  boolean isBusy(TopicPartition partition) {
    ArrayDeque<Pending> queue = pending.get(partition);
    // A head waiting only in a group holds nothing up: its relatives may follow it in.
    return queue != null
        && !queue.isEmpty()
        && (queue.size() >= MAX_QUEUED
            || !queue.peek().open.values().stream().allMatch(a -> a.group != null));
  }

  /** Drops the queue of {@code partition}, which this instance no longer owns. */
  void forget(TopicPartition partition) {
    ArrayDeque<Pending> queue = pending.remove(partition);
    if (queue != null) {
      count.addAndGet(-queue.size());
    }
  }

  /** Drops the releases and repeats that match {@code gone}. */
  void removeUnbound(Predicate<Pending> gone) {
    int before = unbound.size();
    unbound.removeIf(gone);
    count.addAndGet(unbound.size() - before);
  }
}
