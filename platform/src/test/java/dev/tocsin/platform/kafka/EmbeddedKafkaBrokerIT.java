package dev.tocsin.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerIT {

  @Test
  void shouldServeTransactionsAndKeepDataWhenRestarted() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "broker-it").resolve("kafka");
    String topic;
    int port;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir)) {
      port = broker.brokerPort();
      Map<String, Object> admin = Map.of("bootstrap.servers", broker.bootstrapServers());
      List<String> created = TopicProvisioner.ensure(admin, Topics.defaults().all(), (short) 1);
      assertThat(created).hasSize(Topics.defaults().all().size());
      assertThat(TopicProvisioner.ensure(admin, Topics.defaults().all(), (short) 1)).isEmpty();
      topic = Topics.defaults().alerts().name();

      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(
                  "bootstrap.servers", broker.bootstrapServers(), "transactional.id", "broker-it"),
              new StringSerializer(),
              new StringSerializer())) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, "k", "committed"));
        producer.commitTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, "k", "aborted"));
        producer.abortTransaction();
      }
      assertThat(readAll(broker.bootstrapServers(), topic)).containsExactly("committed");
    }

    try (EmbeddedKafkaBroker restarted =
        EmbeddedKafkaBroker.start(dir, port, EmbeddedKafkaBroker.freePort())) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", restarted.bootstrapServers()))) {
        Set<String> names = admin.listTopics().names().get();
        assertThat(names).contains(topic);
      }
      assertThat(readAll(restarted.bootstrapServers(), topic)).containsExactly("committed");
    }
  }

  private static List<String> readAll(String bootstrap, String topic) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "group.id",
                "reader-" + System.nanoTime(),
                "auto.offset.reset",
                "earliest",
                "isolation.level",
                "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      java.util.ArrayList<String> values = new java.util.ArrayList<>();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
      // One more poll catches anything that arrived in the same batch window.
      consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
      return values;
    }
  }
}
