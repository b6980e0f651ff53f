package dev.tocsin.alerting.mute;

import static dev.tocsin.alerting.mute.AlertMatcherTest.alert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Matcher;
import dev.tocsin.schemas.Silence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceSetTest {

  private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

  static Silence silence(String id, Instant starts, Instant ends, String... matchers) {
    return Silence.newBuilder()
        .setId(id)
        .setMatchers(List.of(matchers).stream().map(m -> AlertMatcher.parse(m).toAvro()).toList())
        .setStartsAt(starts)
        .setEndsAt(ends)
        .setCreatedBy("ops")
        .setComment("known")
        .setCreatedAt(starts)
        .build();
  }

  private final EscalationAlert high =
      alert("cluster:a", AlertLevel.HIGH, "munitions-transfer", "a");
  private final EscalationAlert elevated =
      alert("cluster:b", AlertLevel.ELEVATED, "munitions-transfer", "b");

  @Test
  void shouldSilenceOnlyWhileActiveAndOnlyWhatMatchesEveryMatcher() {
    SilenceSet set = new SilenceSet();
    set.put(
        "s1",
        silence("s1", NOW, NOW.plus(Duration.ofHours(2)), "level=HIGH", "eventType=~munitions.*"));

    assertThat(set.silencing(high, NOW)).map(Silence::getId).contains("s1");
    assertThat(set.silencing(elevated, NOW)).isEmpty();
    assertThat(set.silencing(high, NOW.minusSeconds(1))).as("pending").isEmpty();
    assertThat(set.silencing(high, NOW.plus(Duration.ofHours(2)))).as("expired").isEmpty();
    assertThat(SilenceState.of(set.silencing(high, NOW).orElseThrow(), NOW.minusSeconds(1)))
        .isEqualTo(SilenceState.PENDING);
  }

  @Test
  void shouldLiftOnTombstoneAndIgnoreSilencesThatDoNotCompile() {
    SilenceSet set = new SilenceSet();
    set.put("s1", silence("s1", NOW, NOW.plusSeconds(60), "level=HIGH"));
    set.put("s1", null);
    assertThat(set.silencing(high, NOW)).isEmpty();

    Silence broken =
        Silence.newBuilder(silence("s2", NOW, NOW.plusSeconds(60), "level=HIGH"))
            .setMatchers(List.of(new Matcher("eventType", "([", true, true)))
            .build();
    set.put("s2", broken);
    assertThat(set.size()).isZero();
    assertThat(set.silencing(high, NOW)).isEmpty();
  }
}
