package dev.tocsin.alerting.topology;

import static dev.tocsin.alerting.surge.TestClusters.cluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tocsin.schemas.AlertKind;
import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.StoryCluster;
import dev.tocsin.schemas.Surge;
import dev.tocsin.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SurgeTopologyTest {

  private static final String MUNITIONS = "munitions-transfer";
  private static final String MUNITIONS_KEY = "surge:eventType:munitions-transfer";

  /** Monday 00:00 UTC, on the bucket grid. */
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  private final Topics topics = Topics.defaults();
  private TopologyTestDriver driver;
  private TestInputTopic<String, StoryCluster> clusters;
  private TestOutputTopic<String, EscalationAlert> alerts;
  private int ids;

  @BeforeEach
  void start() throws Exception {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alerting-surge-test");
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

  private String pipe(String type, String source, String target, Instant at) {
    String id = "cl-" + ids++;
    clusters.pipeInput(id, cluster(id, type, source, target, at), at);
    return id;
  }

  /** Two munitions transfers a day for seven days, at 01:00 and 13:00: one in every other 6 h. */
  private void quietWeek() {
    for (int half = 0; half < 14; half++) {
      pipe(MUNITIONS, "PRK", "RUS", T0.plus(Duration.ofHours(12L * half + 1)));
    }
  }

  /** Moves stream time with clusters of a series that never surges (no actors, 1 per 3 h). */
  private void tick(Instant from, Instant to) {
    for (Instant t = from; !t.isAfter(to); t = t.plus(Duration.ofHours(3))) {
      pipe("leader-summit", null, null, t);
    }
  }

  private List<EscalationAlert> surges() {
    return alerts.readValuesToList().stream().filter(a -> a.getKind() == AlertKind.SURGE).toList();
  }

  private static List<EscalationAlert> keyed(List<EscalationAlert> all, String key) {
    return all.stream().filter(a -> a.getAlertKey().equals(key)).toList();
  }

  @Test
  void shouldFireOneSurgeWithTheWindowsFiguresAfterAQuietBaseline() {
    quietWeek();
    Instant burst = T0.plus(Duration.ofDays(7)).plus(Duration.ofHours(2));
    List<EscalationAlert> before = surges();
    for (int i = 0; i < 5; i++) {
      pipe(MUNITIONS, "PRK", "RUS", burst.plus(Duration.ofMinutes(i)));
    }

    List<EscalationAlert> fired = keyed(surges(), MUNITIONS_KEY);

    assertThat(before).as("the quiet week surges nowhere").isEmpty();
    assertThat(fired)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
              assertThat(a.getVersion()).isEqualTo(1);
              assertThat(a.getLevel()).isEqualTo(AlertLevel.ELEVATED);
              assertThat(a.getFiredAt()).isEqualTo(burst.plus(Duration.ofMinutes(2)));
            });
    // The baseline's 28 six-hour windows alternate 1 and 0 clusters: mean 0.5, sigma 0.5.
    long[] windows = new long[28];
    for (int i = 0; i < 28; i += 2) {
      windows[i] = 1;
    }
    double mean = java.util.Arrays.stream(windows).average().orElseThrow();
    double sigma =
        Math.sqrt(
            java.util.Arrays.stream(windows).mapToDouble(w -> (w - mean) * (w - mean)).sum() / 28);
    Surge s = fired.get(0).getSurge();
    assertThat(s.getSeries()).isEqualTo("eventType:" + MUNITIONS);
    assertThat(s.getCount()).as("fired on the third cluster: at least minEvents").isEqualTo(3);
    assertThat(s.getBaselineMean()).isCloseTo(mean, within(1e-9));
    assertThat(s.getBaselineStdDev()).isCloseTo(sigma, within(1e-9));
    assertThat(s.getThreshold()).isCloseTo(mean + 3 * sigma, within(1e-9));
    assertThat(s.getWindowEnd()).isEqualTo(burst.plus(Duration.ofHours(1)));
    assertThat(s.getWindowStart()).isEqualTo(burst.minus(Duration.ofHours(5)));
    assertThat(s.getMethod()).isEqualTo("sigma");
    assertThat(fired.get(0).getSummary())
        .startsWith(
            "3 munitions-transfer cluster(s) in the last 6 h against a 7-day baseline of 0.5 ± 0.5"
                + " per 6 h");
    assertThat(fired.get(0).getEvidence().getLinks()).hasSize(3);
    assertThat(fired.get(0).getReasons())
        .extracting(r -> r.getCode())
        .containsExactly("surge:count", "surge:baseline", "surge:threshold");
  }

  @Test
  void shouldCountAClusterOnceHoweverOftenItIsUpdated() {
    Instant t = T0.plus(Duration.ofHours(1));
    for (int version = 1; version <= 6; version++) {
      clusters.pipeInput(
          "cl-same",
          cluster("cl-same", version, MUNITIONS, "PRK", "RUS", t),
          t.plus(Duration.ofMinutes(version)));
    }
    assertThat(surges()).as("six versions of one cluster are one cluster").isEmpty();

    pipe(MUNITIONS, "PRK", "RUS", t.plus(Duration.ofMinutes(10)));
    pipe(MUNITIONS, "PRK", "RUS", t.plus(Duration.ofMinutes(11)));

    assertThat(keyed(surges(), MUNITIONS_KEY))
        .singleElement()
        .satisfies(a -> assertThat(a.getSurge().getCount()).isEqualTo(3));
  }

  @Test
  void shouldResolveAfterTheQuietPeriodAndHoldBackAPeakWithinTheSpacing() {
    Instant burst = T0.plus(Duration.ofHours(2));
    for (int i = 0; i < 3; i++) {
      pipe(MUNITIONS, "PRK", "RUS", burst.plus(Duration.ofMinutes(i)));
    }
    // The burst leaves the 6 h window when stream time reaches 08:00; quiet 12 h after that.
    tick(burst.plus(Duration.ofHours(1)), burst.plus(Duration.ofHours(17)));
    List<EscalationAlert> early = keyed(surges(), MUNITIONS_KEY);
    tick(burst.plus(Duration.ofHours(19)), burst.plus(Duration.ofHours(19)));
    List<EscalationAlert> resolved = keyed(surges(), MUNITIONS_KEY);
    for (int i = 0; i < 6; i++) {
      pipe(MUNITIONS, "PRK", "RUS", burst.plus(Duration.ofHours(20)).plus(Duration.ofMinutes(i)));
    }
    List<EscalationAlert> heldBack = keyed(surges(), MUNITIONS_KEY);
    tick(burst.plus(Duration.ofHours(22)), burst.plus(Duration.ofHours(25)));
    List<EscalationAlert> again = keyed(surges(), MUNITIONS_KEY);

    assertThat(early).extracting(EscalationAlert::getStatus).containsExactly(AlertStatus.FIRING);
    assertThat(resolved)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
              assertThat(a.getVersion()).isEqualTo(2);
              assertThat(a.getAlertKey()).isEqualTo(MUNITIONS_KEY);
            });
    assertThat(heldBack).as("20 h after the first peak: within the 24 h spacing").isEmpty();
    assertThat(again)
        .as("once the spacing has passed, the still-surging series fires with the next version")
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
              assertThat(a.getVersion()).isEqualTo(3);
              assertThat(a.getFiredAt()).isAfterOrEqualTo(burst.plus(Duration.ofHours(24)));
            });
  }

  @Test
  void shouldCountABacklogInTheBucketsOfItsPublication() {
    Instant fetched = T0.plus(Duration.ofDays(6));
    for (int day = 1; day <= 5; day++) {
      String id = "old-" + day;
      clusters.pipeInput(
          id,
          cluster(id, 1, MUNITIONS, "PRK", "RUS", fetched.minus(Duration.ofDays(day)), fetched),
          fetched.plusSeconds(day));
    }
    assertThat(surges()).as("five stories of five days, fetched at once").isEmpty();

    for (int i = 0; i < 3; i++) {
      pipe(MUNITIONS, null, null, fetched.plus(Duration.ofMinutes(10 + i)));
    }

    // The backlog is the baseline: five windows of 1 among 28, so 3 new ones surge.
    assertThat(keyed(surges(), MUNITIONS_KEY))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getSurge().getCount()).isEqualTo(3);
              assertThat(a.getSurge().getBaselineMean()).isCloseTo(5.0 / 28, within(1e-9));
            });
  }

  @Test
  void shouldCountPerActorPairAcrossEventTypes() {
    Instant t = T0.plus(Duration.ofHours(4));
    pipe(MUNITIONS, "PRK", "RUS", t);
    pipe("missile-transfer", "PRK", "RUS", t.plusSeconds(60));
    pipe("technology-transfer", "RUS", "PRK", t.plusSeconds(90));
    pipe("troop-deployment", "PRK", "RUS", t.plusSeconds(120));

    List<EscalationAlert> out = surges();

    assertThat(out)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getAlertKey()).isEqualTo("surge:actors:PRK->RUS");
              assertThat(a.getActors()).containsExactly("PRK", "RUS");
              assertThat(a.getEventType()).isNull();
              assertThat(a.getLabels()).containsEntry("actors", "PRK->RUS");
              assertThat(a.getSurge().getCount()).isEqualTo(3);
              assertThat(a.getTitle()).isEqualTo("Surge: 3 PRK->RUS cluster(s) in 6 h");
            });
  }

  @Test
  void shouldKeyEverySurgeVersionByItsSeries() {
    Instant t = T0.plus(Duration.ofHours(4));
    for (int i = 0; i < 12; i++) {
      pipe(MUNITIONS, "PRK", "RUS", t.plusSeconds(i));
    }
    List<org.apache.kafka.streams.test.TestRecord<String, EscalationAlert>> records =
        alerts.readRecordsToList().stream()
            .filter(r -> r.value().getKind() == AlertKind.SURGE)
            .toList();

    assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getAlertKey()));
    assertThat(keyed(records.stream().map(r -> r.value()).toList(), MUNITIONS_KEY))
        .extracting(EscalationAlert::getStatus)
        .containsExactly(AlertStatus.FIRING, AlertStatus.UPDATED, AlertStatus.UPDATED);
  }
}
