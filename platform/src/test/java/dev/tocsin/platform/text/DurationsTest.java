package dev.tocsin.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void shouldReadEveryUnitOperatorsWrite() {
    assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
    assertThat(Durations.parse(" 90S ")).contains(Duration.ofSeconds(90));
    assertThat(Durations.parse("5m")).contains(Duration.ofMinutes(5));
    assertThat(Durations.parse("2h")).contains(Duration.ofHours(2));
    assertThat(Durations.parse("7d")).contains(Duration.ofDays(7));
    assertThat(Durations.parse("PT1M")).contains(Duration.ofMinutes(1));
    assertThat(Durations.parse("p7d")).contains(Duration.ofDays(7));
  }

  @Test
  void shouldRefuseWhatIsNotASpan() {
    assertThat(Durations.parse("soon")).isEmpty();
    assertThat(Durations.parse("5w")).isEmpty();
    assertThat(Durations.parse("")).isEmpty();
    assertThat(Durations.parse("m")).isEmpty();
  }
}
