package dev.tocsin.platform.kafka;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How to reach Kafka: bootstrap servers, the topic prefix, the replication factor for topics Tocsin
 * creates, and client settings passed through verbatim (security, timeouts).
 *
 * @param bootstrapServers comma-separated host:port list
 * @param topicPrefix prefix of every topic name
 * @param replicationFactor replication factor of created topics
 * @param clientOverrides Kafka client settings applied to every client, e.g. {@code
 *     security.protocol}
 */
public record KafkaSettings(
    String bootstrapServers,
    String topicPrefix,
    short replicationFactor,
    Map<String, String> clientOverrides) {

  /** The environment variable prefix whose variables pass through as client settings. */
  public static final String CLIENT_ENV_PREFIX = "TOCSIN_KAFKA_CLIENT_";

  /** Validates and copies the settings. */
  public KafkaSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("TOCSIN_KAFKA_BOOTSTRAP_SERVERS must not be blank");
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "TOCSIN_TOPIC_REPLICATION must be >= 1: " + replicationFactor);
    }
    clientOverrides = Map.copyOf(clientOverrides);
  }

  /** Returns settings for a local broker with the default prefix and no overrides. */
  public static KafkaSettings local(String bootstrapServers) {
    return new KafkaSettings(bootstrapServers, "tocsin.", (short) 1, Map.of());
  }

  /** Returns the client settings given by {@code TOCSIN_KAFKA_CLIENT_*} environment variables. */
  public static Map<String, String> clientOverridesFrom(Map<String, String> env) {
    Map<String, String> overrides = new HashMap<>();
    env.forEach(
        (name, value) -> {
          if (name.startsWith(CLIENT_ENV_PREFIX) && name.length() > CLIENT_ENV_PREFIX.length()) {
            String key =
                name.substring(CLIENT_ENV_PREFIX.length())
                    .toLowerCase(Locale.ROOT)
                    .replace('_', '.');
            overrides.put(key, value);
          }
        });
    return overrides;
  }

  /** Returns the base configuration for any Kafka client. */
  public Map<String, Object> clientConfig() {
    Map<String, Object> config = new HashMap<>(clientOverrides);
    config.put("bootstrap.servers", bootstrapServers);
    return config;
  }

  /** Returns the configuration of a Kafka Streams application with exactly-once processing. */
  public Map<String, Object> streamsConfig(String applicationId, Path stateDir) {
    Map<String, Object> config = clientConfig();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
    // Defaults an operator may override with TOCSIN_KAFKA_CLIENT_*. Under exactly_once_v2 a record
    // is readable downstream only once its transaction commits, so every repartition hop waits
    // for a commit: 50 ms halves the raw-to-notification time of 100 ms at news rates (p50 441
    // against 809 ms at 100 stories/s); a longer interval buys throughput for bulk loads.
    config.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
    config.putIfAbsent(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    config.putIfAbsent(StreamsConfig.producerPrefix("transaction.timeout.ms"), 60_000);
    return config;
  }
}
