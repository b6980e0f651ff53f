package dev.tocsin.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.EscalationAlert;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The console's view stays within its window and its story limit. */
class ConsoleViewTest {

  private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

  @Test
  void shouldKeepTheVersionsOfAnAlertInOrderAndShowTheLatest() {
    ConsoleView view = new ConsoleView(Duration.ofDays(7), 10);
    EscalationAlert v1 = ConsoleFixtures.alert("k", "Title", AlertLevel.HIGH, T0);
    EscalationAlert v2 =
        EscalationAlert.newBuilder(v1)
            .setVersion(2)
            .setStatus(AlertStatus.UPDATED)
            .setUpdatedAt(T0.plusSeconds(60))
            .build();

    view.alert(v2);
    view.alert(v1);
    view.alert(v1);

    assertThat(view.versions("k")).extracting(EscalationAlert::getVersion).containsExactly(1, 2);
    assertThat(view.alerts()).containsExactly(v2);
  }

  @Test
  void shouldDropWhatEndedBeforeTheWindowWhenPruned() {
    ConsoleView view = new ConsoleView(Duration.ofDays(7), 10);
    view.alert(ConsoleFixtures.alert("old", "Old", AlertLevel.HIGH, T0));
    view.alert(ConsoleFixtures.alert("new", "New", AlertLevel.HIGH, T0.plus(Duration.ofDays(5))));
    view.story(ConsoleFixtures.story("s-old", "Old story", null, true, T0));
    view.story(
        ConsoleFixtures.story("s-new", "New story", null, true, T0.plus(Duration.ofDays(5))));
    long before = view.version();

    view.prune(T0.plus(Duration.ofDays(8)));

    assertThat(view.alerts()).extracting(EscalationAlert::getAlertKey).containsExactly("new");
    assertThat(view.stories()).extracting(s -> s.getStory().getId()).containsExactly("s-new");
    assertThat(view.version()).isGreaterThan(before);
  }

  @Test
  void shouldKeepOnlyTheLatestStoriesWhenOverItsLimit() {
    ConsoleView view = new ConsoleView(Duration.ofDays(7), 3);
    for (int i = 1; i <= 5; i++) {
      view.story(ConsoleFixtures.story("s-" + i, "Story " + i, null, false, T0.plusSeconds(i)));
    }

    assertThat(view.stories())
        .extracting((EnrichedStory s) -> s.getStory().getId())
        .containsExactly("s-5", "s-4", "s-3");
  }
}
