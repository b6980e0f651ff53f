package dev.tocsin.alerting.notify;

import static dev.tocsin.alerting.notify.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RemindersTest {

  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

  @Test
  void shouldBeDueOnlyAfterTheRepeatIntervalAndNotMoreOften() {
    Reminders reminders = new Reminders();
    EscalationAlert firing = alert("a", 1, AlertStatus.FIRING, AlertLevel.HIGH);
    reminders.delivered("hook", firing, T0, 0);

    assertThat(reminders.due(T0.plus(Duration.ofHours(4)).minusMillis(1), (s, a) -> hours(4)))
        .isEmpty();
    var due = reminders.due(T0.plus(Duration.ofHours(4)), (s, a) -> hours(4));
    assertThat(due).hasSize(1);
    assertThat(due.get(0).repeats()).isZero();

    Instant sent = T0.plus(Duration.ofHours(4));
    reminders.postpone(due.get(0), sent);
    assertThat(reminders.due(sent.plusSeconds(1), (s, a) -> hours(4))).isEmpty();
    reminders.delivered("hook", firing, sent.plusSeconds(1), 1);
    assertThat(reminders.due(sent.plus(hours(4)), (s, a) -> hours(4))).isEmpty();
    assertThat(reminders.due(sent.plus(hours(4)).plusSeconds(1), (s, a) -> hours(4)))
        .singleElement()
        .satisfies(e -> assertThat(e.repeats()).isEqualTo(1));
  }

  @Test
  void shouldUseEachSinksIntervalAndForgetResolvedAlerts() {
    Reminders reminders = new Reminders();
    EscalationAlert firing = alert("a", 1, AlertStatus.FIRING, AlertLevel.HIGH);
    reminders.delivered("hook", firing, T0, 0);
    reminders.delivered("pager", firing, T0, 0);

    assertThat(reminders.due(T0.plus(hours(1)), (s, a) -> s.equals("pager") ? hours(1) : hours(4)))
        .extracting(Reminders.Entry::sink)
        .containsExactly("pager");

    EscalationAlert updated = alert("a", 2, AlertStatus.UPDATED, AlertLevel.CRITICAL);
    reminders.delivered("hook", updated, T0.plus(hours(2)), 0);
    assertThat(reminders.get("hook", "a").alert().getVersion()).isEqualTo(2);
    assertThat(reminders.due(T0.plus(hours(5)), (s, a) -> hours(4)))
        .extracting(Reminders.Entry::sink)
        .containsExactly("pager");

    reminders.delivered("hook", alert("a", 3, AlertStatus.RESOLVED, AlertLevel.HIGH), T0, 0);
    reminders.forget("a");
    assertThat(reminders.size()).isZero();
  }

  private static Duration hours(long n) {
    return Duration.ofHours(n);
  }
}
