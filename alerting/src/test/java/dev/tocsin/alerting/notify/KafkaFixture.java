package dev.tocsin.alerting.notify;

import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.platform.kafka.TopicProvisioner;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A real embedded broker with the notifier's topics, and helpers to write and read them. */
final class KafkaFixture implements AutoCloseable {

  final EmbeddedKafkaBroker broker;
  final KafkaSettings kafka;
  final Topics topics;

  private KafkaFixture(EmbeddedKafkaBroker broker) {
    this.broker = broker;
    this.kafka = KafkaSettings.local(broker.bootstrapServers());
    this.topics = Topics.withPrefix(kafka.topicPrefix());
    TopicProvisioner.ensure(
        kafka.clientConfig(),
        List.of(topics.alerts(), topics.deliveries(), topics.alertsDlq(), topics.silences()),
        (short) 1);
  }

  static KafkaFixture start(String name) throws IOException {
    Files.createDirectories(Path.of("target"));
    Path dir = Files.createTempDirectory(Path.of("target"), name);
    return new KafkaFixture(EmbeddedKafkaBroker.start(dir.resolve("kafka")));
  }

  void send(EscalationAlert... alerts) throws InterruptedException, ExecutionException {
    Topic<String, EscalationAlert> topic = topics.alerts();
    try (KafkaProducer<String, EscalationAlert> producer =
        new KafkaProducer<>(
            kafka.clientConfig(), new StringSerializer(), topic.valueSerde().serializer())) {
      for (EscalationAlert alert : alerts) {
        producer.send(new ProducerRecord<>(topic.name(), alert.getAlertKey(), alert)).get();
      }
    }
  }

  /** Reads {@code topic} from the start until {@code done} holds, or fails after 90 s. */
  <V> List<V> readUntil(Topic<String, V> topic, Predicate<List<V>> done) {
    Map<String, Object> config = kafka.clientConfig();
    config.put("group.id", "it-" + System.nanoTime());
    config.put("auto.offset.reset", "earliest");
    config.put("isolation.level", "read_committed");
    List<V> values = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (!done.test(values)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Timed out reading " + topic.name() + "; read " + values);
        }
        for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(250))) {
          values.add(r.value());
        }
      }
      consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
    }
    return values;
  }

  /** Waits until {@code condition} holds, or fails after {@code timeout}. */
  static void await(Duration timeout, String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + timeout + " waiting until " + what);
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {
    broker.close();
  }
}
