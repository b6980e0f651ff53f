package dev.tocsin.alerting.mute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.schemas.AlertKind;
import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Evidence;
import dev.tocsin.schemas.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertMatcherTest {

  static {
    // Building the catalogue's serdes registers the generated classes with Avro's validator.
    Topics.defaults();
  }

  static EscalationAlert alert(String key, AlertLevel level, String eventType, String clusterId) {
    Instant at = Instant.parse("2026-11-20T08:00:00Z");
    return EscalationAlert.newBuilder()
        .setAlertKey(key)
        .setVersion(1)
        .setKind(AlertKind.CLUSTER)
        .setStatus(AlertStatus.FIRING)
        .setLevel(level)
        .setScore(1.0)
        .setReasons(List.of())
        .setActors(List.of())
        .setTitle("t")
        .setSummary("s")
        .setEventType(eventType)
        .setEvidence(
            Evidence.newBuilder()
                .setLinks(List.of())
                .setOutlets(List.of())
                .setIndependentSources(1)
                .setFirstSeen(at)
                .setLastSeen(at)
                .build())
        .setClusterId(clusterId)
        .setLabels(Map.of("region", "kursk"))
        .setProfile("rus-dprk")
        .setFiredAt(at)
        .setUpdatedAt(at)
        .build();
  }

  private final EscalationAlert alert =
      alert("cluster:cl-1", AlertLevel.HIGH, "munitions-transfer", "cl-1");

  @Test
  void shouldMatchFieldsAndLabelsWithEveryOperator() {
    assertThat(AlertMatcher.parse("level=HIGH").matches(alert)).isTrue();
    assertThat(AlertMatcher.parse("level=high").matches(alert)).isTrue();
    assertThat(AlertMatcher.parse("level!=HIGH").matches(alert)).isFalse();
    assertThat(AlertMatcher.parse("eventType=~munitions.*").matches(alert)).isTrue();
    assertThat(AlertMatcher.parse("eventType=~munitions").matches(alert))
        .as("a regex must match the whole value")
        .isFalse();
    assertThat(AlertMatcher.parse("eventType!~troop.*").matches(alert)).isTrue();
    assertThat(AlertMatcher.parse("region=\"kursk\"").matches(alert)).isTrue();
    assertThat(AlertMatcher.parse("alertKey=cluster:cl-1").matches(alert)).isTrue();
    assertThat(AlertMatcher.parse("profile=rus-dprk").matches(alert)).isTrue();
    assertThat(AlertMatcher.parse("clusterId=cl-2").matches(alert)).isFalse();
    assertThat(AlertMatcher.parse("level=~high|critical").matches(alert)).isTrue();
  }

  @Test
  void shouldTreatAnAbsentLabelAsEmpty() {
    assertThat(AlertMatcher.parse("team=").matches(alert)).isTrue();
    assertThat(AlertMatcher.parse("team!=ops").matches(alert)).isTrue();
    assertThat(AlertMatcher.parse("team=ops").matches(alert)).isFalse();
  }

  @Test
  void shouldRejectBadMatchersNamingThem() {
    assertThatThrownBy(() -> AlertMatcher.parse("eventType=~munitions(["))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad regex")
        .hasMessageContaining("eventType=~\"munitions([\"");
    assertThatThrownBy(() -> AlertMatcher.parse("just-text"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("just-text");
  }

  @Test
  void shouldRoundTripThroughAvroAndText() {
    for (String text : List.of("level=HIGH", "eventType=~\"munitions.*\"", "a!=b", "c!~d.*")) {
      AlertMatcher m = AlertMatcher.parse(text);
      assertThat(AlertMatcher.fromAvro(m.toAvro())).isEqualTo(m);
      assertThat(AlertMatcher.parse(m.toString())).isEqualTo(m);
    }
  }
}
