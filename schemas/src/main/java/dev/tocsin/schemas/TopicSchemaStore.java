package dev.tocsin.schemas;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds writer schemas by fingerprint on the compacted schemas topic ({@link Topics#schemas()}),
 * where every Tocsin service publishes the schema versions it writes: a registry that needs no
 * server. The topic is read from the start when a fingerprint is unknown, at most once per {@code
 * minInterval}; schemas found are kept.
 *
 * <p>Give it to {@link Topics#withPrefix(String, SchemaStore)} (or {@link AvroSerde#of(Class,
 * SchemaStore)}) and the serdes read records of schema versions newer than the ones this jar keeps.
 */
public final class TopicSchemaStore implements SchemaStore {

  private static final Logger LOG = LoggerFactory.getLogger(TopicSchemaStore.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Map<String, Object> consumerConfig;
  private final String topic;
  private final Duration timeout;
  private final Duration minInterval;
  private final Clock clock;
  private final Map<Long, Schema> known = new ConcurrentHashMap<>();
  private Instant lastRead = Instant.MIN;

  /**
   * Creates a store reading {@code topic} with {@code clientConfig} (bootstrap servers, security),
   * giving up on one reading after {@code timeout}, reading at most once per second.
   */
  public TopicSchemaStore(
      Map<String, Object> clientConfig, Topic<String, SchemaVersion> topic, Duration timeout) {
    this(clientConfig, topic, timeout, Duration.ofSeconds(1), Clock.systemUTC());
  }

  /**
   * Creates a store that reads {@code topic} at most once per {@code minInterval} of {@code clock}.
   */
  public TopicSchemaStore(
      Map<String, Object> clientConfig,
      Topic<String, SchemaVersion> topic,
      Duration timeout,
      Duration minInterval,
      Clock clock) {
    Objects.requireNonNull(clientConfig, "clientConfig");
    this.topic = Objects.requireNonNull(topic, "topic").name();
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.minInterval = Objects.requireNonNull(minInterval, "minInterval");
    this.clock = Objects.requireNonNull(clock, "clock");
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumerConfig = Map.copyOf(config);
  }

  @Override
  public Schema findByFingerprint(long fingerprint) {
    Schema schema = known.get(fingerprint);
    if (schema != null) {
      return schema;
    }
    synchronized (this) {
      Instant now = clock.instant();
      if (known.containsKey(fingerprint) || now.isBefore(lastRead.plus(minInterval))) {
        return known.get(fingerprint);
      }
      lastRead = now;
      read();
    }
    return known.get(fingerprint);
  }

  // Reads the whole topic: it holds one small record per schema version ever written.
  private void read() {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          LOG.warn("Reading {} took longer than {}: some schemas may be missing", topic, timeout);
          return;
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          add(record);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Cannot read schemas from {}: {}", topic, e.toString());
    }
  }

  private void add(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return;
    }
    try {
      Schema schema = SchemaVersion.fromJson(record.value()).schema();
      known.put(SchemaNormalization.parsingFingerprint64(schema), schema);
    } catch (SerializationException | IllegalArgumentException e) {
      LOG.warn(
          "Skipping {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.toString());
    }
  }
}
