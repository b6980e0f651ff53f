package dev.tocsin.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  @Test
  void shouldReadDelaySeconds() {
    assertThat(RetryAfter.parse(" 120 ", NOW)).contains(Duration.ofSeconds(120));
  }

  @Test
  void shouldReadAnHttpDate() {
    assertThat(RetryAfter.parse("Fri, 20 Nov 2026 12:30:00 GMT", NOW))
        .contains(Duration.ofMinutes(30));
    assertThat(RetryAfter.parse("Fri, 20 Nov 2026 11:00:00 GMT", NOW)).contains(Duration.ZERO);
  }

  @Test
  void shouldIgnoreWhatItCannotRead() {
    assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
  }

  @Test
  void shouldNotOverflowOnHugeValues() {
    assertThat(RetryAfter.parse("99999999999999999999", NOW)).get().matches(d -> d.toDays() > 1);
  }
}
