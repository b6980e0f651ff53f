package dev.tocsin.alerting.mute;

import static dev.tocsin.alerting.mute.AlertMatcherTest.alert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;
import java.util.List;
import org.junit.jupiter.api.Test;

class InhibitRuleTest {

  private final Inhibitor inhibitor = new Inhibitor(List.of(InhibitRule.defaultRule()));

  @Test
  void shouldHoldBackLowerLevelsOfTheSameClusterWhileAHigherOneFires() {
    EscalationAlert critical = alert("cluster:a", AlertLevel.CRITICAL, "troop-deployment", "a");
    EscalationAlert surge = alert("surge:a", AlertLevel.ELEVATED, "troop-deployment", "a");
    EscalationAlert other = alert("surge:b", AlertLevel.ELEVATED, "troop-deployment", "b");
    EscalationAlert high = alert("surge:a2", AlertLevel.HIGH, "troop-deployment", "a");
    List<EscalationAlert> active = List.of(critical, surge, other, high);

    assertThat(inhibitor.inhibitor(surge, active)).contains(critical);
    assertThat(inhibitor.inhibitor(other, active)).as("another cluster").isEmpty();
    assertThat(inhibitor.inhibitor(high, active)).as("not a lower level").isEmpty();
    assertThat(inhibitor.inhibitor(critical, active)).isEmpty();
  }

  @Test
  void shouldNotInhibitWhenTheSourceResolvedOrTheEqualFieldIsAbsent() {
    EscalationAlert resolved =
        EscalationAlert.newBuilder(alert("cluster:a", AlertLevel.CRITICAL, "x", "a"))
            .setStatus(AlertStatus.RESOLVED)
            .build();
    EscalationAlert target = alert("surge:a", AlertLevel.INFO, "x", "a");
    assertThat(inhibitor.inhibitor(target, List.of(resolved, target))).isEmpty();

    EscalationAlert noClusterHigh = alert("surge:x", AlertLevel.HIGH, "x", null);
    EscalationAlert noClusterLow = alert("surge:y", AlertLevel.INFO, "x", null);
    assertThat(inhibitor.inhibitor(noClusterLow, List.of(noClusterHigh))).isEmpty();
  }

  @Test
  void shouldApplyConfiguredRulesWithEqualLabels() {
    InhibitRule rule =
        new InhibitRule(
            List.of(AlertMatcher.parse("eventType=joint-combat")),
            List.of(AlertMatcher.parse("eventType=~troop.*")),
            List.of("region"));
    EscalationAlert combat = alert("cluster:c", AlertLevel.INFO, "joint-combat", "c");
    EscalationAlert troops = alert("cluster:d", AlertLevel.HIGH, "troop-deployment", "d");
    assertThat(new Inhibitor(List.of(rule)).inhibitor(troops, List.of(combat))).contains(combat);
    assertThat(new Inhibitor(List.of()).inhibitor(troops, List.of(combat))).isEmpty();
  }
}
