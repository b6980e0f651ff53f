package dev.tocsin.ingest.poll;

import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.FeedState;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls each owned feed when it is due, on a pool of workers, with at most {@code perHostLimit}
 * polls of one host at a time. Feeds come and go at runtime (registry changes, consumer group
 * rebalances); a feed taken away is not polled again, and {@link #removePartitions} waits for its
 * poll in progress so that two instances never poll one feed at once.
 */
public final class FeedScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FeedScheduler.class);
  private static final Duration MAX_SLEEP = Duration.ofMillis(500);

  /** How long to wait before retrying a feed whose poll could not be published. */
  static final Duration PUBLISH_RETRY = Duration.ofSeconds(5);

  private static final class Entry {
    Feed feed;
    final String host;
    final int partition;
    FeedState state;
    Instant due;
    boolean inFlight;

    Entry(Feed feed, int partition, FeedState state, Instant due) {
      this.feed = feed;
      this.host = hostOf(feed.getUrl());
      this.partition = partition;
      this.state = state;
      this.due = due;
    }
  }

  private final FeedPoller poller;
  private final Clock clock;
  private final int workers;
  private final int perHostLimit;
  private final Object lock = new Object();
  private final Map<String, Entry> entries = new HashMap<>();
  private final Map<String, Integer> activeByHost = new HashMap<>();
  private final ExecutorService pool;
  private final Thread dispatcher;
  private final AtomicInteger polls = new AtomicInteger();
  private int active;
  private boolean closed;

  /** Creates a scheduler with {@code workers} parallel polls; call {@link #start()}. */
  public FeedScheduler(FeedPoller poller, Clock clock, int workers, int perHostLimit) {
    this.poller = Objects.requireNonNull(poller, "poller");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (workers < 1 || perHostLimit < 1) {
      throw new IllegalArgumentException("workers and perHostLimit must be at least 1");
    }
    this.workers = workers;
    this.perHostLimit = perHostLimit;
    AtomicInteger count = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "tocsin-ingest-poll-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.dispatcher = new Thread(this::dispatch, "tocsin-ingest-scheduler");
    dispatcher.setDaemon(true);
  }

  /** Starts dispatching. */
  public void start() {
    dispatcher.start();
  }

  /**
   * Adds a feed or replaces its settings; a new feed starts from {@code restored} (null for a feed
   * never polled) and is due at the state's next poll time.
   */
  public void upsert(Feed feed, int partition, FeedState restored) {
    synchronized (lock) {
      Entry existing = entries.get(feed.getUrl());
      if (existing != null && existing.partition == partition) {
        existing.feed = feed;
      } else {
        Instant due =
            restored != null && restored.getNextPollAt() != null
                ? restored.getNextPollAt()
                : clock.instant();
        entries.put(feed.getUrl(), new Entry(feed, partition, restored, due));
      }
      lock.notifyAll();
    }
  }

  /** Stops polling a feed (a poll in progress finishes). */
  public void remove(String url) {
    synchronized (lock) {
      entries.remove(url);
    }
  }

  /**
   * Stops polling the feeds of the given registry partitions and waits up to {@code wait} for their
   * polls in progress to finish.
   */
  public void removePartitions(Collection<Integer> partitions, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (lock) {
      List<Entry> removed = new ArrayList<>();
      entries
          .values()
          .removeIf(
              e -> {
                boolean gone = partitions.contains(e.partition);
                if (gone) {
                  removed.add(e);
                }
                return gone;
              });
      while (removed.stream().anyMatch(e -> e.inFlight)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          LOG.warn("Polls of removed feeds still running after {}", wait);
          return;
        }
        try {
          lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Returns the URLs of the feeds this scheduler polls. */
  public Set<String> feedUrls() {
    synchronized (lock) {
      return new TreeSet<>(entries.keySet());
    }
  }

  /** Returns the current state of each owned feed that has been polled. */
  public Map<String, FeedState> states() {
    synchronized (lock) {
      Map<String, FeedState> states = new HashMap<>();
      entries.forEach(
          (url, e) -> {
            if (e.state != null) {
              states.put(url, e.state);
            }
          });
      return states;
    }
  }

  /** Returns how many polls have completed, for tests and benchmarks. */
  public int completedPolls() {
    return polls.get();
  }

  private void dispatch() {
    synchronized (lock) {
      while (!closed) {
        Instant now = clock.instant();
        Instant nextDue = now.plus(MAX_SLEEP);
        List<Entry> due = new ArrayList<>();
        for (Entry entry : entries.values()) {
          if (entry.inFlight) {
            continue;
          }
          if (entry.due.isAfter(now)) {
            nextDue = entry.due.isBefore(nextDue) ? entry.due : nextDue;
          } else {
            due.add(entry);
          }
        }
        due.sort(Comparator.comparing((Entry e) -> e.due));
        for (Entry entry : due) {
          if (active >= workers) {
            break;
          }
          int hostActive = activeByHost.getOrDefault(entry.host, 0);
          if (hostActive >= perHostLimit) {
            continue;
          }
          entry.inFlight = true;
          active++;
          activeByHost.put(entry.host, hostActive + 1);
          Feed feed = entry.feed;
          FeedState state = entry.state;
          pool.execute(() -> pollOne(entry, feed, state));
        }
        long sleep = Math.max(1, Duration.between(now, nextDue).toMillis());
        try {
          lock.wait(Math.min(sleep, MAX_SLEEP.toMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void pollOne(Entry entry, Feed feed, FeedState state) {
    CompletableFuture<FeedState> result;
    try {
      result = poller.poll(feed, state);
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    // The worker and the host's slot are free once the fetch is done; the feed stays in flight
    // until its transaction commits, so it is not polled again from a state not yet stored.
    synchronized (lock) {
      active--;
      activeByHost.merge(entry.host, -1, Integer::sum);
      lock.notifyAll();
    }
    result.whenComplete((next, error) -> completed(entry, feed, next, error));
  }

  private void completed(Entry entry, Feed feed, FeedState next, Throwable error) {
    if (error != null) {
      // The transaction was aborted: the stored state is unchanged, so the next poll fetches the
      // same items again.
      LOG.error("Poll of {} could not be published: {}", feed.getUrl(), error.toString());
    }
    synchronized (lock) {
      entry.inFlight = false;
      if (next != null) {
        entry.state = next;
        entry.due = next.getNextPollAt() != null ? next.getNextPollAt() : clock.instant();
      } else {
        entry.due = clock.instant().plus(PUBLISH_RETRY);
      }
      polls.incrementAndGet();
      lock.notifyAll();
    }
  }

  /** Stops dispatching and waits up to 30 s for the polls in progress. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    try {
      dispatcher.join(5_000);
      pool.shutdown();
      if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static String hostOf(String url) {
    try {
      String host = URI.create(url).getHost();
      return host == null ? url : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
