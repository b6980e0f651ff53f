package dev.tocsin.alerting.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A per-sink circuit breaker: after {@code failureThreshold} failures in a row it opens and refuses
 * attempts for {@code openFor}; then one trial attempt is let through (half-open), whose success
 * closes it and whose failure opens it again. Not thread-safe: one notifier thread owns it.
 */
public final class CircuitBreaker {

  /** The breaker's state. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int failureThreshold;
  private final Duration openFor;
  private int failures;
  private Instant openUntil;
  private boolean trialInFlight;

  /** Creates a closed breaker. */
  public CircuitBreaker(int failureThreshold, Duration openFor) {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException(
          "circuit breaker failure threshold must be >= 1: " + failureThreshold);
    }
    Objects.requireNonNull(openFor, "openFor");
    if (openFor.isNegative()) {
      throw new IllegalArgumentException("circuit breaker open time must be >= 0: " + openFor);
    }
    this.failureThreshold = failureThreshold;
    this.openFor = openFor;
  }

  /** Returns the state at {@code now}. */
  public State state(Instant now) {
    if (openUntil == null) {
      return State.CLOSED;
    }
    return now.isBefore(openUntil) ? State.OPEN : State.HALF_OPEN;
  }

  /**
   * Returns whether an attempt may be made at {@code now}; in the half-open state only one trial is
   * let through until its outcome is recorded.
   */
  public boolean tryAcquire(Instant now) {
    return switch (state(now)) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> {
        if (trialInFlight) {
          yield false;
        }
        trialInFlight = true;
        yield true;
      }
    };
  }

  /** Returns when the breaker lets the next attempt through, or {@code now} when it is closed. */
  public Instant nextAttemptAt(Instant now) {
    return openUntil == null || now.isAfter(openUntil) ? now : openUntil;
  }

  /** Records a successful attempt: the breaker closes. */
  public void onSuccess() {
    failures = 0;
    openUntil = null;
    trialInFlight = false;
  }

  /** Records an attempt that the receiver did not answer or answered with a server error. */
  public void onFailure(Instant now) {
    failures++;
    boolean trial = trialInFlight;
    trialInFlight = false;
    if (trial || failures >= failureThreshold) {
      openUntil = now.plus(openFor);
    }
  }

  /** Records an attempt whose outcome says nothing about the receiver's health (e.g. a 4xx). */
  public void onNeutral() {
    trialInFlight = false;
  }
}
