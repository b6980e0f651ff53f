package dev.tocsin.ingest.poll;

import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.FeedState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Polls each feed when its next poll time comes, one feed at a time, until closed. */
public final class IngestRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestRunner.class);
  private static final Duration TICK = Duration.ofMillis(250);

  private final FeedPoller poller;
  private final List<Feed> feeds;
  private final Map<String, FeedState> states;
  private final Clock clock;
  private final ScheduledExecutorService executor;

  /** Creates a runner over {@code feeds}, starting from the restored {@code states}. */
  public IngestRunner(
      FeedPoller poller, List<Feed> feeds, Map<String, FeedState> states, Clock clock) {
    this.poller = Objects.requireNonNull(poller, "poller");
    this.feeds = List.copyOf(feeds);
    this.states = new ConcurrentHashMap<>(states);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tocsin-ingest");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts polling. */
  public void start() {
    executor.scheduleWithFixedDelay(this::pollDue, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("Ingest started with {} feeds", feeds.size());
  }

  private void pollDue() {
    Instant now = clock.instant();
    for (Feed feed : feeds) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      FeedState state = states.get(feed.getUrl());
      if (state != null && state.getNextPollAt() != null && state.getNextPollAt().isAfter(now)) {
        continue;
      }
      try {
        states.put(feed.getUrl(), poller.poll(feed, state));
      } catch (RuntimeException e) {
        // The transaction was aborted: the state is unchanged, so the next poll retries the same
        // items.
        LOG.error("Poll of {} could not be published: {}", feed.getUrl(), e.toString());
      }
    }
  }

  /** Stops polling, letting a poll in progress finish. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
