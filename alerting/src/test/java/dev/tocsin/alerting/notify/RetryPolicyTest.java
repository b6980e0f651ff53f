package dev.tocsin.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.platform.http.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy =
      new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.5);

  @Test
  void shouldDoubleDelayPerAttemptWhenNoJitterIsDrawn() {
    assertThat(policy.delay(1, 0.0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.delay(2, 0.0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.delay(3, 0.0)).isEqualTo(Duration.ofSeconds(4));
    assertThat(policy.delay(5, 0.0)).isEqualTo(Duration.ofSeconds(16));
  }

  @Test
  void shouldCapDelayAtMaxWhenAttemptsPileUp() {
    assertThat(policy.delay(6, 0.0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.delay(1000, 0.0)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shouldTakeAtMostJitterShareOffWhenRandomIsDrawn() {
    assertThat(policy.delay(3, 0.5)).isEqualTo(Duration.ofSeconds(3));
    assertThat(policy.delay(3, 0.999999)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(3));
    for (int i = 0; i < 100; i++) {
      double r = i / 100.0;
      assertThat(policy.delay(4, r)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
    }
  }

  @Test
  void shouldWaitAtLeastRetryAfterWhenReceiverAsksForLonger() {
    assertThat(policy.delay(1, 0.0, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    assertThat(policy.delay(5, 0.0, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(16));
    assertThat(policy.delay(2, 0.0, null)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void shouldRejectNonsenseWhenConfigured() {
    assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 2, 0))
        .hasMessageContaining("initial");
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0))
        .hasMessageContaining("max");
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, 0))
        .hasMessageContaining("multiplier");
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 1.5))
        .hasMessageContaining("jitter");
  }

  @Test
  void shouldReadRetryAfterAsSecondsOrHttpDate() {
    Instant now = Instant.parse("2026-11-26T06:00:00Z");
    assertThat(RetryAfter.parse("120", now)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 3 ", now)).contains(Duration.ofSeconds(3));
    assertThat(RetryAfter.parse("Thu, 26 Nov 2026 06:00:45 GMT", now))
        .contains(Duration.ofSeconds(45));
    assertThat(RetryAfter.parse("Thu, 26 Nov 2026 05:00:00 GMT", now)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", now)).isEmpty();
    assertThat(RetryAfter.parse(null, now)).isEmpty();
  }
}
