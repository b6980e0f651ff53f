package dev.tocsin.alerting.notify;

import dev.tocsin.schemas.AlertKind;
import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Evidence;
import dev.tocsin.schemas.Reason;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds alerts for the notifier's tests. */
final class TestAlerts {

  static final Instant FIRED = Instant.parse("2026-11-20T08:00:00Z");

  private TestAlerts() {}

  static EscalationAlert alert(String key, int version, AlertStatus status, AlertLevel level) {
    return builder(key, version, status, level).build();
  }

  static EscalationAlert.Builder builder(
      String key, int version, AlertStatus status, AlertLevel level) {
    return EscalationAlert.newBuilder()
        .setAlertKey(key)
        .setVersion(version)
        .setKind(AlertKind.CLUSTER)
        .setStatus(status)
        .setLevel(level)
        .setScore(7.25)
        .setReasons(
            List.of(
                new Reason("event:troop-deployment", "troops deployed to Kursk", 4.0),
                new Reason("corroboration", "3 independent sources", 2.0)))
        .setTitle("North Korean troops <deployed> to Kursk & beyond")
        .setSummary("Three outlets report a second DPRK contingent arriving in Kursk oblast.")
        .setEventType("troop-deployment")
        .setCameoCode("1312")
        .setGoldstein(-7.0)
        .setActors(List.of("PRK", "RUS"))
        .setEvidence(
            Evidence.newBuilder()
                .setLinks(
                    List.of(
                        "https://news.example.org/a/kursk-dprk",
                        "https://wire.example.com/dprk-troops"))
                .setOutlets(List.of("Example News", "Example Wire"))
                .setIndependentSources(2)
                .setFirstSeen(FIRED.minusSeconds(3600))
                .setLastSeen(FIRED)
                .build())
        .setClusterId("cl-" + key)
        .setRunbookUrl("https://runbooks.example.org/tocsin/escalation")
        .setLabels(
            new HashMap<>(
                Map.of(
                    "level",
                    level.name().toLowerCase(Locale.ROOT),
                    "eventType",
                    "troop-deployment")))
        .setProfile("rus-dprk")
        .setFiredAt(FIRED)
        .setUpdatedAt(FIRED.plusSeconds(60L * version));
  }
}
