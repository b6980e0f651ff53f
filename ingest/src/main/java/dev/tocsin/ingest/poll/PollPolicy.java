package dev.tocsin.ingest.poll;

import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.SeenItem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to poll a feed next: an interval adapted to how often the feed publishes, bounded by a
 * minimum and a maximum, and exponential backoff with jitter after failures, never sooner than a
 * server's Retry-After.
 *
 * <p>After a success the interval is half the mean gap between the feed's items published in the
 * last {@link #HISTORY}, so a feed is polled about twice per new item; until it has {@link
 * #MIN_SAMPLES} dated items the feed's configured interval is used. Either way the interval is
 * clamped to [{@code minInterval}, {@code maxInterval}] and spread by ±10% so that feeds added
 * together do not stay in lockstep. After the n-th consecutive failure the delay is the interval
 * times 2<sup>n-1</sup>, capped at {@code maxBackoff}, with "equal jitter" (half fixed, half
 * random).
 *
 * @param minInterval the shortest interval between two polls of a feed
 * @param maxInterval the longest interval between two polls of a healthy feed
 * @param maxBackoff the longest delay after failures
 * @param maxRetryAfter the longest Retry-After honoured (a longer one is cut to this)
 */
public record PollPolicy(
    Duration minInterval, Duration maxInterval, Duration maxBackoff, Duration maxRetryAfter) {

  /** How far back published items count towards a feed's rate. */
  public static final Duration HISTORY = Duration.ofDays(7);

  /** How many dated items a feed needs before its interval adapts. */
  public static final int MIN_SAMPLES = 4;

  /** Validates the bounds. */
  public PollPolicy {
    Objects.requireNonNull(minInterval, "minInterval");
    Objects.requireNonNull(maxInterval, "maxInterval");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (minInterval.isNegative() || minInterval.isZero()) {
      throw new IllegalArgumentException("minInterval must be positive: " + minInterval);
    }
    if (maxInterval.compareTo(minInterval) < 0) {
      throw new IllegalArgumentException(
          "maxInterval " + maxInterval + " is shorter than minInterval " + minInterval);
    }
    if (maxBackoff.compareTo(maxInterval) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff " + maxBackoff + " is shorter than maxInterval " + maxInterval);
    }
  }

  /** One minute to one hour between polls; backoff up to six hours; Retry-After up to a day. */
  public static PollPolicy defaults() {
    return new PollPolicy(
        Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1));
  }

  /** Returns the interval to wait after a successful poll, before jitter. */
  public Duration interval(Feed feed, List<SeenItem> seen, Instant now) {
    Duration configured = Duration.ofSeconds(Math.max(1, feed.getPollIntervalSeconds()));
    Window window = Window.of(seen, now);
    Duration chosen = configured;
    if (window.count() >= MIN_SAMPLES && window.newest().isAfter(window.oldest())) {
      Duration meanGap =
          Duration.between(window.oldest(), window.newest()).dividedBy(window.count() - 1);
      chosen = meanGap.dividedBy(2);
    }
    return clamp(chosen, minInterval, maxInterval);
  }

  /** Returns when to poll next after a successful poll. */
  public Instant afterSuccess(Feed feed, List<SeenItem> seen, Instant now, RandomGenerator random) {
    Duration interval = interval(feed, seen, now);
    long spread = interval.toMillis() / 10;
    long jitter = spread == 0 ? 0 : random.nextLong(-spread, spread + 1);
    return now.plus(clamp(interval.plusMillis(jitter), minInterval, maxInterval));
  }

  /**
   * Returns when to poll next after the {@code failures}-th consecutive failure; {@code retryAfter}
   * is the server's Retry-After, or null.
   */
  public Instant afterFailure(
      Feed feed,
      List<SeenItem> seen,
      int failures,
      Duration retryAfter,
      Instant now,
      RandomGenerator random) {
    Duration interval = interval(feed, seen, now);
    int doublings = Math.min(Math.max(failures, 1) - 1, 30);
    Duration backoff =
        interval.toMillis() > maxBackoff.toMillis() >> doublings
            ? maxBackoff
            : interval.multipliedBy(1L << doublings);
    long half = backoff.toMillis() / 2;
    Duration delay = Duration.ofMillis(half + random.nextLong(0, backoff.toMillis() - half + 1));
    if (retryAfter != null) {
      Duration honoured = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
      if (honoured.compareTo(delay) > 0) {
        delay = honoured;
      }
    }
    return now.plus(delay);
  }

  /** Returns the feed's publishing rate over the last {@link #HISTORY}, in items per day. */
  public static double itemsPerDay(List<SeenItem> seen, Instant now) {
    Window window = Window.of(seen, now);
    if (window.count() == 0) {
      return 0.0;
    }
    double days = Math.max(1.0, Duration.between(window.oldest(), now).toMillis() / 86_400_000.0);
    return window.count() / days;
  }

  /** The items published within {@link #HISTORY} before now: how many, the oldest and newest. */
  private record Window(int count, Instant oldest, Instant newest) {
    static Window of(List<SeenItem> seen, Instant now) {
      Instant since = now.minus(HISTORY);
      Instant oldest = null;
      Instant newest = null;
      int count = 0;
      for (SeenItem item : seen) {
        Instant published = item.getPublishedAt();
        if (published == null || published.isBefore(since) || published.isAfter(now)) {
          continue;
        }
        count++;
        oldest = oldest == null || published.isBefore(oldest) ? published : oldest;
        newest = newest == null || published.isAfter(newest) ? published : newest;
      }
      return new Window(count, oldest, newest);
    }
  }

  private static Duration clamp(Duration value, Duration min, Duration max) {
    return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
  }
}
