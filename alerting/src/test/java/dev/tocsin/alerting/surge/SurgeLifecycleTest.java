package dev.tocsin.alerting.surge;

import static dev.tocsin.alerting.surge.TestClusters.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.alerting.state.SurgeState;
import dev.tocsin.schemas.AlertKind;
import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.AvroSerde;
import dev.tocsin.schemas.EscalationAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SurgeLifecycleTest {

  private static final String SERIES = "eventType:munitions-transfer";
  private static final Instant T = Instant.parse("2026-03-09T10:00:00Z");

  private final SurgeLifecycle lifecycle =
      new SurgeLifecycle(SurgeSettings.defaults(), "russia-dprk", "https://runbook.example/surge");
  private SurgeState state = SurgeLifecycle.empty(SERIES);
  private final List<EscalationAlert> out = new ArrayList<>();
  private int next;

  @BeforeAll
  static void trustTheRecordClasses() {
    // As the topology's serdes do: Avro copies records only of classes it was told to trust.
    AvroSerde.of(SurgeState.class);
  }

  private void count(int clusters, Instant at) {
    for (int i = 0; i < clusters; i++) {
      take(
          lifecycle.count(
              state, cluster("c" + next++, "munitions-transfer", "PRK", "RUS", at), at, at));
    }
  }

  private void judge(Instant now) {
    take(lifecycle.judge(state, now));
  }

  private void take(SurgeLifecycle.Step step) {
    state = step.state();
    if (step.alert() != null) {
      out.add(step.alert());
    }
  }

  @Test
  void shouldFireOnceAndUpdateOnlyWhenTheLevelRises() {
    count(5, T);
    count(1, T.plusSeconds(60));
    count(6, T.plusSeconds(120));

    assertThat(out)
        .extracting(EscalationAlert::getStatus)
        .containsExactly(AlertStatus.FIRING, AlertStatus.UPDATED, AlertStatus.UPDATED);
    assertThat(out)
        .extracting(EscalationAlert::getLevel)
        .containsExactly(AlertLevel.ELEVATED, AlertLevel.HIGH, AlertLevel.CRITICAL);
    assertThat(out).extracting(a -> a.getSurge().getCount()).containsExactly(3L, 6L, 12L);
    assertThat(out).extracting(EscalationAlert::getVersion).containsExactly(1, 2, 3);
    assertThat(out).extracting(EscalationAlert::getFiredAt).containsOnly(T);
    EscalationAlert first = out.get(0);
    assertThat(first.getAlertKey()).isEqualTo("surge:" + SERIES);
    assertThat(first.getKind()).isEqualTo(AlertKind.SURGE);
    assertThat(first.getEventType()).isEqualTo("munitions-transfer");
    assertThat(first.getLabels())
        .containsEntry("kind", "surge")
        .containsEntry("series", SERIES)
        .containsEntry("level", "elevated");
    assertThat(first.getEvidence().getLinks()).hasSize(3);
    assertThat(first.getRunbookUrl()).isEqualTo("https://runbook.example/surge");
    assertThat(first.getSummary())
        .startsWith(
            "3 munitions-transfer cluster(s) in the last 6 h against a 7-day baseline of 0.0");
  }

  @Test
  void shouldResolveAfterTheQuietPeriodUnderTheThreshold() {
    count(3, T);
    // The burst leaves the 6 h window at 16:00; resolved 12 h after the first judgement below.
    judge(T.plus(Duration.ofHours(5)));
    judge(T.plus(Duration.ofHours(6)));
    judge(T.plus(Duration.ofHours(17)).plusSeconds(3599));
    assertThat(out).extracting(EscalationAlert::getStatus).containsExactly(AlertStatus.FIRING);

    judge(T.plus(Duration.ofHours(18)));

    assertThat(out)
        .extracting(EscalationAlert::getStatus)
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    EscalationAlert resolved = out.get(1);
    assertThat(resolved.getVersion()).isEqualTo(2);
    assertThat(resolved.getUpdatedAt()).isEqualTo(T.plus(Duration.ofHours(18)));
    assertThat(resolved.getSurge().getCount()).isZero();
    assertThat(resolved.getFiredAt()).isEqualTo(T);
  }

  @Test
  void shouldHoldBackANewPeakWithinTheMinimumSpacing() {
    count(3, T);
    judge(T.plus(Duration.ofHours(6)));
    judge(T.plus(Duration.ofHours(18)));
    count(8, T.plus(Duration.ofHours(20)));
    assertThat(out)
        .as("a second burst 20 h after the first is within the 24 h spacing")
        .extracting(EscalationAlert::getStatus)
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);

    judge(T.plus(Duration.ofHours(24)));

    assertThat(out)
        .extracting(EscalationAlert::getStatus)
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED, AlertStatus.FIRING);
    assertThat(out.get(2).getVersion()).isEqualTo(3);
    assertThat(out.get(2).getFiredAt()).isEqualTo(T.plus(Duration.ofHours(24)));
  }

  @Test
  void shouldStayOpenWhileTheSeriesSurgesAgainBeforeTheQuietPeriodEnds() {
    count(3, T);
    judge(T.plus(Duration.ofHours(8)));
    count(4, T.plus(Duration.ofHours(12)));
    judge(T.plus(Duration.ofHours(21)));

    assertThat(out).extracting(EscalationAlert::getStatus).containsExactly(AlertStatus.FIRING);
  }

  @Test
  void shouldDropBucketsOlderThanTheBaseline() {
    count(2, T);
    judge(T.plus(Duration.ofDays(7)).plus(Duration.ofHours(5)));
    assertThat(state.getBuckets()).hasSize(1);

    judge(T.plus(Duration.ofDays(7)).plus(Duration.ofHours(6)));

    assertThat(state.getBuckets()).isEmpty();
    assertThat(SurgeLifecycle.isEmpty(state)).isTrue();
  }
}
