package dev.tocsin.alerting.notify;

import static dev.tocsin.alerting.notify.TestAlerts.alert;
import static dev.tocsin.alerting.notify.TestAlerts.builder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingTest {

  private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
  private final Grouping grouping = Grouping.defaults();

  @Test
  void shouldGroupByProfileAndEventTypeByDefault() {
    EscalationAlert a = alert("a", 1, AlertStatus.FIRING, AlertLevel.HIGH);
    EscalationAlert b = alert("b", 3, AlertStatus.UPDATED, AlertLevel.INFO);
    EscalationAlert c =
        builder("c", 1, AlertStatus.FIRING, AlertLevel.HIGH).setEventType(null).build();

    assertThat(grouping.key(a)).isEqualTo("{profile=\"rus-dprk\",eventType=\"troop-deployment\"}");
    assertThat(grouping.key(b)).isEqualTo(grouping.key(a));
    assertThat(grouping.key(c)).isEqualTo("{profile=\"rus-dprk\",eventType=\"\"}");
    assertThat(grouping.labels(a)).containsEntry("eventType", "troop-deployment");
    assertThat(grouping.groupWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(grouping.groupInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(Grouping.none().enabled()).isFalse();
  }

  @Test
  void shouldWaitGroupWaitForANewGroupAndGroupIntervalAfterANotification() {
    assertThat(grouping.notifyAt(null, T0)).isEqualTo(T0.plusSeconds(30));

    Instant notified = T0.plusSeconds(30);
    Instant joined = notified.plusSeconds(10);
    assertThat(grouping.notifyAt(notified, joined)).isEqualTo(notified.plus(Duration.ofMinutes(5)));

    Instant late = notified.plus(Duration.ofMinutes(6));
    assertThat(grouping.notifyAt(notified, late))
        .as("a group idle for longer than the interval starts again with the wait")
        .isEqualTo(late.plusSeconds(30));
    assertThat(new Grouping(List.of("clusterId"), Duration.ZERO, null).notifyAt(null, T0))
        .isEqualTo(T0);
  }
}
