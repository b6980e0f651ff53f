package dev.tocsin.alerting.topology;

import static dev.tocsin.alerting.surge.TestClusters.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.alerting.AlertingApp;
import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.platform.kafka.StreamsRunner;
import dev.tocsin.schemas.AlertKind;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.StoryCluster;
import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Runs the alerting application on a real embedded broker and reads a surge off its alerts. */
class SurgeIT {

  private static final String KEY = "surge:eventType:munitions-transfer";

  @Test
  void shouldPublishOneSurgeThroughTheSeriesRepartitionTopic() throws Exception {
    Files.createDirectories(Path.of("target"));
    Path dir = Files.createTempDirectory(Path.of("target"), "surge-it");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      KafkaSettings kafka = KafkaSettings.local(broker.bootstrapServers());
      Topics topics = Topics.withPrefix(kafka.topicPrefix());
      try (StreamsRunner alerting =
          AlertingApp.start(kafka, AlertSettings.defaults(), dir.resolve("state"))) {
        assertThat(alerting.awaitRunning(Duration.ofSeconds(60))).isTrue();
        Instant t = Instant.now();
        List<StoryCluster> changes =
            List.of(
                cluster("c1", 1, "munitions-transfer", "PRK", "RUS", t),
                cluster("c1", 2, "munitions-transfer", "PRK", "RUS", t),
                cluster("c2", 1, "munitions-transfer", "PRK", "RUS", t),
                cluster("c3", 1, "munitions-transfer", "PRK", "RUS", t));
        send(kafka, topics.clusters(), t, changes);

        List<EscalationAlert> surges = readSurges(kafka, topics.alerts());

        assertThat(surges)
            .singleElement()
            .satisfies(
                a -> {
                  assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
                  assertThat(a.getSurge().getCount()).isEqualTo(3);
                  assertThat(a.getEvidence().getLinks())
                      .as("c1's update is not counted again")
                      .hasSize(3);
                });
      }
    }
  }

  private static void send(
      KafkaSettings kafka, Topic<String, StoryCluster> topic, Instant t, List<StoryCluster> changes)
      throws Exception {
    try (KafkaProducer<String, StoryCluster> producer =
        new KafkaProducer<>(
            kafka.clientConfig(), new StringSerializer(), topic.valueSerde().serializer())) {
      for (int i = 0; i < changes.size(); i++) {
        StoryCluster c = changes.get(i);
        producer
            .send(
                new ProducerRecord<>(topic.name(), null, t.toEpochMilli() + i, c.getClusterId(), c))
            .get();
      }
    }
  }

  /** Reads the munitions-transfer surge alerts until one arrives, then a little longer. */
  private static List<EscalationAlert> readSurges(
      KafkaSettings kafka, Topic<String, EscalationAlert> topic) {
    Map<String, Object> config = kafka.clientConfig();
    config.put("group.id", "surge-it-" + System.nanoTime());
    config.put("auto.offset.reset", "earliest");
    config.put("isolation.level", "read_committed");
    List<EscalationAlert> surges = new ArrayList<>();
    try (KafkaConsumer<String, EscalationAlert> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      long settle = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, settle)) {
        for (ConsumerRecord<String, EscalationAlert> r : consumer.poll(Duration.ofMillis(250))) {
          if (r.value().getKind() == AlertKind.SURGE && r.key().equals(KEY)) {
            surges.add(r.value());
            settle = Math.min(settle, System.nanoTime() + Duration.ofSeconds(3).toNanos());
          }
        }
      }
    }
    return surges;
  }
}
