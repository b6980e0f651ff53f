package dev.tocsin.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.SchemaCatalog;
import dev.tocsin.schemas.SchemaVersion;
import dev.tocsin.schemas.TopicSchemaStore;
import dev.tocsin.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A consumer built with this jar's schemas reads a feed written with a newer Feed schema, which a
 * newer service published to the schemas topic, without being updated.
 */
class SchemaTopicIT {

  @Test
  void shouldReadANewerSchemaVersionFromTheSchemasTopicWhenTheJarDoesNotKeepIt() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "schema-topic-it");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      KafkaSettings kafka = KafkaSettings.local(broker.bootstrapServers());
      Topics topics = Topics.withPrefix(kafka.topicPrefix());
      TopicProvisioner.ensure(
          kafka.clientConfig(), List.of(topics.schemas(), topics.feeds()), (short) 1);
      // What every service does at start, and what a newer release adds to it.
      Schema newer = newerFeed();
      List<SchemaVersion> published = new ArrayList<>();
      SchemaCatalog.TOPIC_VALUE_TYPES.forEach(t -> published.add(SchemaVersion.of(t)));
      published.add(SchemaVersion.of(newer));
      SchemaPublisher.publish(kafka.clientConfig(), topics.schemas(), published);
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(
              kafka.clientConfig(), new StringSerializer(), new ByteArraySerializer())) {
        producer
            .send(
                new ProducerRecord<>(
                    topics.feeds().name(), "https://example.org/world.rss", newerRecord(newer)))
            .get();
      }

      Topics resolving =
          Topics.withPrefix(
              kafka.topicPrefix(),
              new TopicSchemaStore(kafka.clientConfig(), topics.schemas(), Duration.ofSeconds(30)));
      List<Feed> read = readFeeds(kafka, resolving);

      assertThat(read).hasSize(1);
      assertThat(read.get(0).getUrl()).isEqualTo("https://example.org/world.rss");
      assertThat(read.get(0).getTags()).containsExactly("wire");
      // The same consumer without the schemas topic cannot read it: the check above can fail.
      assertThat(readFailure(kafka, topics))
          .contains("unknown writer schema fingerprint " + SchemaVersion.of(newer).fingerprint());
    }
  }

  private static List<Feed> readFeeds(KafkaSettings kafka, Topics topics) {
    try (KafkaConsumer<String, Feed> consumer = consumer(kafka, topics)) {
      List<Feed> feeds = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (feeds.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, Feed> record : consumer.poll(Duration.ofMillis(200))) {
          feeds.add(record.value());
        }
      }
      return feeds;
    }
  }

  private static String readFailure(KafkaSettings kafka, Topics topics) {
    try (KafkaConsumer<String, Feed> consumer = consumer(kafka, topics)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        try {
          consumer.poll(Duration.ofMillis(200));
        } catch (RecordDeserializationException e) {
          return e.getCause().getMessage();
        }
      }
      return "no failure";
    }
  }

  private static KafkaConsumer<String, Feed> consumer(KafkaSettings kafka, Topics topics) {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(
        ConsumerConfig.GROUP_ID_CONFIG, "schema-topic-it-" + System.identityHashCode(topics));
    KafkaConsumer<String, Feed> consumer =
        new KafkaConsumer<>(
            config,
            topics.feeds().keySerde().deserializer(),
            topics.feeds().valueSerde().deserializer());
    consumer.subscribe(List.of(topics.feeds().name()));
    return consumer;
  }

  /** Feed as a later release might write it: one more optional field. */
  private static Schema newerFeed() {
    String current = SchemaVersion.of(Feed.class).schema().toString();
    String added = "{\"name\":\"homepage\",\"type\":[\"null\",\"string\"],\"default\":null}";
    int end = current.lastIndexOf(']');
    return new Schema.Parser()
        .parse(current.substring(0, end) + "," + added + current.substring(end));
  }

  private static byte[] newerRecord(Schema newer) throws Exception {
    GenericRecord feed = new GenericData.Record(newer);
    feed.put("url", "https://example.org/world.rss");
    feed.put("name", "Example World");
    feed.put("outlet", "Example");
    feed.put("language", "en");
    feed.put("pollIntervalSeconds", 300L);
    feed.put("fullText", false);
    feed.put("tags", List.of("wire"));
    feed.put("enabled", true);
    feed.put("homepage", "https://example.org/");
    return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), newer).encode(feed).array();
  }
}
