package dev.tocsin.alerting.notify;

import static dev.tocsin.alerting.notify.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {

  private final Router router =
      new Router(
          List.of(
              Route.all("audit"),
              new Route(AlertLevel.HIGH, Set.of(), Map.of(), List.of("pager")),
              new Route(
                  AlertLevel.ELEVATED, Set.of("arms-transfer"), Map.of(), List.of("arms-desk")),
              new Route(null, null, Map.of("profile", "rus-dprk"), List.of("chat", "audit"))),
          Set.of("audit", "pager", "arms-desk", "chat"));

  @Test
  void shouldSendToEveryMatchingRouteOnceWhenSeveralMatch() {
    EscalationAlert critical = alert("k", 1, AlertStatus.FIRING, AlertLevel.CRITICAL);
    critical.getLabels().put("profile", "rus-dprk");
    assertThat(router.sinksFor(critical)).containsExactly("audit", "pager", "chat");
  }

  @Test
  void shouldHoldBackPagerWhenLevelIsBelowMinimum() {
    assertThat(router.sinksFor(alert("k", 1, AlertStatus.FIRING, AlertLevel.ELEVATED)))
        .containsExactly("audit");
  }

  @Test
  void shouldMatchEventTypeWhenRouteNamesIt() {
    EscalationAlert arms =
        TestAlerts.builder("k", 1, AlertStatus.FIRING, AlertLevel.ELEVATED)
            .setEventType("arms-transfer")
            .build();
    assertThat(router.sinksFor(arms)).containsExactly("audit", "arms-desk");
    EscalationAlert none =
        TestAlerts.builder("k", 1, AlertStatus.FIRING, AlertLevel.ELEVATED)
            .setEventType(null)
            .build();
    assertThat(router.sinksFor(none)).containsExactly("audit");
  }

  @Test
  void shouldRequireEveryLabelWhenRouteMatchesOnLabels() {
    EscalationAlert other = alert("k", 1, AlertStatus.FIRING, AlertLevel.INFO);
    other.getLabels().put("profile", "other");
    assertThat(router.sinksFor(other)).containsExactly("audit");
  }

  @Test
  void shouldRejectRouteWhenItNamesAnUnknownSink() {
    assertThatThrownBy(() -> new Router(List.of(Route.all("nowhere")), Set.of("audit")))
        .hasMessageContaining("nowhere");
  }
}
