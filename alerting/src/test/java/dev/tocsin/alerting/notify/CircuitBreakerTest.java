package dev.tocsin.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.alerting.notify.CircuitBreaker.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
  private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30));

  @Test
  void shouldStayClosedWhenFailuresAreBelowThreshold() {
    breaker.onFailure(T0);
    breaker.onFailure(T0);
    assertThat(breaker.state(T0)).isEqualTo(State.CLOSED);
    assertThat(breaker.tryAcquire(T0)).isTrue();
  }

  @Test
  void shouldOpenWhenFailuresInARowReachThreshold() {
    fail(3);
    assertThat(breaker.state(T0.plusSeconds(1))).isEqualTo(State.OPEN);
    assertThat(breaker.tryAcquire(T0.plusSeconds(29))).isFalse();
    assertThat(breaker.nextAttemptAt(T0.plusSeconds(1))).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void shouldResetCountWhenAnAttemptSucceeds() {
    fail(2);
    breaker.onSuccess();
    fail(2);
    assertThat(breaker.state(T0)).isEqualTo(State.CLOSED);
  }

  @Test
  void shouldLetOneTrialThroughWhenOpenTimeHasPassed() {
    fail(3);
    Instant later = T0.plusSeconds(31);
    assertThat(breaker.state(later)).isEqualTo(State.HALF_OPEN);
    assertThat(breaker.tryAcquire(later)).isTrue();
    assertThat(breaker.tryAcquire(later)).as("second concurrent trial").isFalse();
  }

  @Test
  void shouldCloseWhenTrialSucceeds() {
    fail(3);
    Instant later = T0.plusSeconds(31);
    breaker.tryAcquire(later);
    breaker.onSuccess();
    assertThat(breaker.state(later)).isEqualTo(State.CLOSED);
    assertThat(breaker.tryAcquire(later)).isTrue();
  }

  @Test
  void shouldReopenAtOnceWhenTrialFails() {
    fail(3);
    Instant later = T0.plusSeconds(31);
    breaker.tryAcquire(later);
    breaker.onFailure(later);
    assertThat(breaker.state(later.plusSeconds(1))).isEqualTo(State.OPEN);
    assertThat(breaker.nextAttemptAt(later)).isEqualTo(later.plusSeconds(30));
  }

  @Test
  void shouldNotCountNeutralOutcomesWhenReceiverAnswersWith4xx() {
    fail(2);
    breaker.onNeutral();
    assertThat(breaker.state(T0)).isEqualTo(State.CLOSED);
  }

  private void fail(int times) {
    for (int i = 0; i < times; i++) {
      assertThat(breaker.tryAcquire(T0)).isTrue();
      breaker.onFailure(T0);
    }
  }
}
