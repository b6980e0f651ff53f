package dev.tocsin.alerting.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.ClusterMember;
import dev.tocsin.schemas.Corroboration;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Event;
import dev.tocsin.schemas.Provenance;
import dev.tocsin.schemas.StoryCluster;
import dev.tocsin.schemas.Topics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertTopologyTest {

  private final Topics topics = Topics.defaults();
  private TopologyTestDriver driver;
  private TestInputTopic<String, StoryCluster> clusters;
  private TestOutputTopic<String, EscalationAlert> alerts;

  @BeforeEach
  void start() throws Exception {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alerting-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        Files.createTempDirectory(Path.of("target"), "ttd").toString());
    driver = new TopologyTestDriver(AlertTopology.build(AlertSettings.defaults(), topics), props);
    clusters =
        driver.createInputTopic(
            topics.clusters().name(),
            Serdes.String().serializer(),
            topics.clusters().valueSerde().serializer());
    alerts =
        driver.createOutputTopic(
            topics.alerts().name(),
            Serdes.String().deserializer(),
            topics.alerts().valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  static StoryCluster cluster(int version, List<String> sources, List<String> outlets) {
    Instant t = Instant.parse("2024-10-28T09:00:00Z");
    return StoryCluster.newBuilder()
        .setClusterId("cl-1")
        .setVersion(version)
        .setTitle("North Korean troops deployed near Kursk")
        .setMembers(
            outlets.stream()
                .map(
                    o ->
                        ClusterMember.newBuilder()
                            .setStoryId("s-" + o)
                            .setOutlet(o)
                            .setSource(o)
                            .build())
                .toList())
        .setOutlets(outlets)
        .setSources(sources)
        .setIndependentSources(sources.size())
        .setFirstSeen(t)
        .setLastSeen(t)
        .setRelevance(0.9)
        .setStrongestEvent(new Event("troop-deployment", "062", 7.4, "PRK", "RUS", 0.8, "troops"))
        .setMainEvent(new Event("troop-deployment", "062", 7.4, "PRK", "RUS", 0.8, "troops"))
        .setProvenance(new Provenance(Corroboration.SINGLE_SOURCE, List.of(), false))
        .setUpdatedAt(t)
        .build();
  }

  @Test
  void shouldFireOnceAndUpdateOnlyOnNewIndependentCorroboration() {
    Instant t = Instant.parse("2024-10-28T09:00:00Z");
    clusters.pipeInput("cl-1", cluster(1, List.of("A"), List.of("A")), t);
    clusters.pipeInput("cl-1", cluster(2, List.of("A"), List.of("A", "B-copy")), t.plusSeconds(60));
    clusters.pipeInput(
        "cl-1", cluster(3, List.of("A", "C"), List.of("A", "B-copy", "C")), t.plusSeconds(120));

    List<EscalationAlert> out = alerts.readValuesToList();

    assertThat(out)
        .extracting(EscalationAlert::getStatus)
        .containsExactly(AlertStatus.FIRING, AlertStatus.UPDATED);
    assertThat(out).extracting(EscalationAlert::getVersion).containsExactly(1, 2);
    assertThat(out.get(0).getAlertKey()).isEqualTo("cluster:cl-1");
    assertThat(out.get(0).getLevel().ordinal())
        .isGreaterThanOrEqualTo(AlertLevel.ELEVATED.ordinal());
    assertThat(out.get(0).getSummary().length()).isLessThanOrEqualTo(1024);
    assertThat(out.get(1).getEvidence().getIndependentSources()).isEqualTo(2);
  }

  @Test
  void shouldNameTheEventTheClusterReportsAndWeighTheStrongest() {
    Instant t = Instant.parse("2024-11-05T06:30:00Z");
    Event transfer = new Event("missile-transfer", "062", 8.3, "PRK", "RUS", 0.9, "KN-23");
    Event fired = new Event("fight-with-artillery", "194", -10.0, "PRK", "UKR", 0.8, "fired at");
    StoryCluster shipment =
        StoryCluster.newBuilder(cluster(1, List.of("A", "B"), List.of("A", "B")))
            .setStrongestEvent(fired)
            .setMainEvent(transfer)
            .build();
    clusters.pipeInput("cl-1", shipment, t);

    EscalationAlert alert = alerts.readValue();

    assertThat(alert.getEventType()).isEqualTo("missile-transfer");
    assertThat(alert.getCameoCode()).isEqualTo("062");
    assertThat(alert.getActors()).containsExactly("PRK", "RUS");
    assertThat(alert.getLabels())
        .containsEntry("eventType", "missile-transfer")
        .containsEntry("actors", "PRK->RUS");
    // The score weighs the worst thing the cluster reports, and says so.
    assertThat(alert.getReasons())
        .anySatisfy(r -> assertThat(r.getCode()).isEqualTo("event:fight-with-artillery"));

    // A cluster of a writer before v3 has no main event: the alert names its strongest.
    clusters.pipeInput(
        "cl-2",
        StoryCluster.newBuilder(shipment).setClusterId("cl-2").setMainEvent(null).build(),
        t);
    assertThat(alerts.readValue().getEventType()).isEqualTo("fight-with-artillery");
  }

  @Test
  void shouldResolveAQuietAlertAndFireAgainWithTheNextVersionWhenItComesBack() {
    Instant t = Instant.now();
    clusters.pipeInput("cl-1", cluster(1, List.of("A"), List.of("A")), t);
    driver.advanceWallClockTime(java.time.Duration.ofHours(12));
    clusters.pipeInput(
        "cl-1",
        cluster(2, List.of("A"), List.of("A", "B-copy")),
        t.plus(java.time.Duration.ofHours(12)));
    driver.advanceWallClockTime(java.time.Duration.ofHours(13));

    assertThat(alerts.readValuesToList())
        .as("a copy 12 h in restarts the 24 h quiet period")
        .extracting(EscalationAlert::getStatus)
        .containsExactly(AlertStatus.FIRING);

    driver.advanceWallClockTime(java.time.Duration.ofHours(12));
    List<EscalationAlert> resolved = alerts.readValuesToList();
    clusters.pipeInput(
        "cl-1",
        cluster(3, List.of("A", "C"), List.of("A", "B-copy", "C")),
        t.plus(java.time.Duration.ofHours(40)));
    List<EscalationAlert> again = alerts.readValuesToList();

    assertThat(resolved)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
              assertThat(a.getVersion()).isEqualTo(2);
              assertThat(a.getAlertKey()).isEqualTo("cluster:cl-1");
            });
    assertThat(again)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
              assertThat(a.getVersion()).isEqualTo(3);
            });
  }

  @Test
  void shouldCountAlertsByLevelStatusAndKindAndTimeThemFromTheStorysIngest() throws Exception {
    Instant t = Instant.parse("2024-10-28T09:00:00Z");
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alerting-metrics-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        Files.createTempDirectory(Path.of("target"), "ttd").toString());
    try (TopologyTestDriver timed =
        new TopologyTestDriver(
            AlertTopology.build(AlertSettings.defaults(), topics, meters),
            props,
            t.plusSeconds(2))) {
      TestInputTopic<String, StoryCluster> in =
          timed.createInputTopic(
              topics.clusters().name(),
              Serdes.String().serializer(),
              topics.clusters().valueSerde().serializer());
      in.pipeInput("cl-1", cluster(1, List.of("A"), List.of("A")), t);
      timed.advanceWallClockTime(Duration.ofSeconds(1));
      in.pipeInput("cl-1", cluster(2, List.of("A", "C"), List.of("A", "C")), t);
      timed.advanceWallClockTime(Duration.ofHours(25));
      List<EscalationAlert> out =
          timed
              .createOutputTopic(
                  topics.alerts().name(),
                  Serdes.String().deserializer(),
                  topics.alerts().valueSerde().deserializer())
              .readValuesToList();

      assertThat(out)
          .extracting(EscalationAlert::getStatus)
          .containsExactly(AlertStatus.FIRING, AlertStatus.UPDATED, AlertStatus.RESOLVED);
      for (EscalationAlert alert : out) {
        assertThat(
                meters
                    .counter(
                        "tocsin.alerts",
                        "level",
                        alert.getLevel().name().toLowerCase(Locale.ROOT),
                        "status",
                        alert.getStatus().name().toLowerCase(Locale.ROOT),
                        "kind",
                        "cluster")
                    .count())
            .isEqualTo(1.0);
      }
      Timer latency = meters.timer("tocsin.end.to.end.latency");
      assertThat(latency.count()).as("a resolution has no story behind it").isEqualTo(2);
      assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2_000 + 3_000);
    }
  }

  @Test
  void shouldNameEveryProcessorStoreAndTopic() {
    String description =
        AlertTopology.build(AlertSettings.defaults(), topics).describe().toString();

    assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
  }
}
