package dev.tocsin.alerting.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff with jitter: attempt {@code n} waits {@code initial * multiplier^(n-1)},
 * capped at {@code max}, less a random share of up to {@code jitter} of it.
 *
 * @param initial delay after the first failed attempt
 * @param max longest delay between two attempts
 * @param multiplier growth factor per attempt, at least 1
 * @param jitter share of each delay drawn at random, in [0, 1]
 */
public record RetryPolicy(Duration initial, Duration max, double multiplier, double jitter) {

  /** Validates the policy. */
  public RetryPolicy {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("retry initial delay must be positive: " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "retry max delay " + max + " must not be below the initial delay " + initial);
    }
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("retry multiplier must be >= 1: " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("retry jitter must be in [0, 1]: " + jitter);
    }
  }

  /** Returns 1 s doubling up to 5 min, with half of each delay drawn at random. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0, 0.5);
  }

  /**
   * Returns the delay after failed attempt {@code attempt} (1-based), given a uniform random draw
   * {@code random} in [0, 1).
   */
  public Duration delay(int attempt, double random) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1: " + attempt);
    }
    double base = initial.toNanos() * Math.pow(multiplier, attempt - 1);
    double capped = Math.min(base, max.toNanos());
    double jittered = capped * (1.0 - jitter * Math.min(Math.max(random, 0.0), 1.0));
    return Duration.ofNanos((long) jittered);
  }

  /**
   * Returns the delay after failed attempt {@code attempt}, never shorter than what the receiver
   * asked for with Retry-After.
   */
  public Duration delay(int attempt, double random, Duration retryAfter) {
    Duration backoff = delay(attempt, random);
    return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
  }
}
