package dev.tocsin.schemas;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;

/**
 * Names one topic with its key and value serdes, partition count and topic configs.
 *
 * @param name full topic name, prefix included
 * @param keySerde serde of the record keys (UTF-8 strings throughout Tocsin)
 * @param valueSerde serde of the record values (single-object Avro)
 * @param partitions partition count used when the topic is created
 * @param configs topic-level configs such as {@code cleanup.policy} and {@code retention.ms}
 */
public record Topic<K, V>(
    String name,
    Serde<K> keySerde,
    Serde<V> valueSerde,
    int partitions,
    Map<String, String> configs) {

  /** Validates and copies the arguments. */
  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1 for " + name + ": " + partitions);
    }
    configs = Map.copyOf(configs);
  }

  /** Returns true when the topic is log-compacted (keeps the latest value per key). */
  public boolean compacted() {
    return configs.getOrDefault("cleanup.policy", "delete").contains("compact");
  }

  /** Returns the Avro serde of the values, when the values are Avro records. */
  public Optional<AvroSerde<?>> avroSerde() {
    return valueSerde instanceof AvroSerde<?> avro ? Optional.of(avro) : Optional.empty();
  }

  /** Returns the admin request that creates this topic with the given replication factor. */
  public NewTopic newTopic(short replicationFactor) {
    return new NewTopic(name, partitions, replicationFactor).configs(configs);
  }
}
