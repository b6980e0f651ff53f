package dev.tocsin.enrich;

import dev.tocsin.enrich.topology.EnrichSettings;
import dev.tocsin.enrich.topology.EnrichTopology;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.platform.kafka.StreamsRunner;
import dev.tocsin.platform.kafka.TopicProvisioner;
import dev.tocsin.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/** Wires the enrich service: settings, topics, topology, Kafka Streams lifecycle. */
public final class EnrichApp {

  /** The Kafka Streams application id, before the topic prefix. */
  public static final String APPLICATION_ID = "enrich";

  private EnrichApp() {}

  /** Creates the topics enrich needs and starts the enrichment Streams application. */
  public static StreamsRunner start(KafkaSettings kafka, EnrichSettings settings, Path stateDir) {
    return start(kafka, settings, stateDir, new CompositeMeterRegistry());
  }

  /**
   * Creates the topics enrich needs and starts the enrichment Streams application, reporting its
   * own counters to {@code meters}.
   */
  public static StreamsRunner start(
      KafkaSettings kafka, EnrichSettings settings, Path stateDir, MeterRegistry meters) {
    Topics topics = Topics.withPrefix(kafka.topicPrefix());
    TopicProvisioner.ensure(
        kafka.clientConfig(),
        List.of(
            topics.storiesRaw(),
            topics.storiesEnriched(),
            topics.storiesDuplicates(),
            topics.storiesRelevant(),
            topics.storiesDlq(),
            topics.clusters()),
        kafka.replicationFactor());
    Map<String, Object> config =
        new HashMap<>(kafka.streamsConfig(kafka.topicPrefix() + APPLICATION_ID, stateDir));
    // A positive enrich setting wins over the general pass-through (num.standby.replicas).
    if (settings.standbyReplicas() > 0
        || !config.containsKey(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)) {
      config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
    }
    StreamsRunner runner =
        new StreamsRunner("enrich", EnrichTopology.build(settings, topics, meters), config);
    runner.start();
    return runner;
  }
}
