package dev.tocsin.alerting.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertSettingsTest {

  @Test
  void shouldPutTheConfiguredRunbookLinkOnEveryAlert() {
    assertThat(AlertSettings.fromEnvironment(Map.of()).policy().runbookUrl()).isNull();
    assertThat(
            AlertSettings.fromEnvironment(
                    Map.of("TOCSIN_ALERTING_RUNBOOK_URL", " https://wiki.example/rb "))
                .policy()
                .runbookUrl())
        .isEqualTo("https://wiki.example/rb");
  }

  @Test
  void shouldReadTheQuietPeriodNamingTheVariableWhenItIsWrong() {
    assertThat(
            AlertSettings.fromEnvironment(Map.of("TOCSIN_ALERTING_QUIET_PERIOD", "6h"))
                .quietPeriod())
        .isEqualTo(Duration.ofHours(6));
    assertThatThrownBy(
            () -> AlertSettings.fromEnvironment(Map.of("TOCSIN_ALERTING_QUIET_PERIOD", "0s")))
        .hasMessageContaining("TOCSIN_ALERTING_QUIET_PERIOD");
  }
}
