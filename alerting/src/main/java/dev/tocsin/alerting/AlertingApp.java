package dev.tocsin.alerting;

import dev.tocsin.alerting.topology.AlertSettings;
import dev.tocsin.alerting.topology.AlertTopology;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.platform.kafka.StreamsRunner;
import dev.tocsin.platform.kafka.TopicProvisioner;
import dev.tocsin.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.file.Path;
import java.util.List;

/** Wires the alerting service: settings, topics, topology, Kafka Streams lifecycle. */
public final class AlertingApp {

  /** The Kafka Streams application id, before the topic prefix. */
  public static final String APPLICATION_ID = "alerting";

  private AlertingApp() {}

  /** Creates the topics alerting needs and starts the alerting Streams application. */
  public static StreamsRunner start(KafkaSettings kafka, AlertSettings settings, Path stateDir) {
    return start(kafka, settings, stateDir, new CompositeMeterRegistry());
  }

  /**
   * Creates the topics alerting needs and starts the alerting Streams application, reporting its
   * own counters to {@code meters}.
   */
  public static StreamsRunner start(
      KafkaSettings kafka, AlertSettings settings, Path stateDir, MeterRegistry meters) {
    Topics topics = Topics.withPrefix(kafka.topicPrefix());
    TopicProvisioner.ensure(
        kafka.clientConfig(),
        List.of(topics.clusters(), topics.alerts(), topics.silences(), topics.deliveries()),
        kafka.replicationFactor());
    StreamsRunner runner =
        new StreamsRunner(
            "alerting",
            AlertTopology.build(settings, topics, meters),
            kafka.streamsConfig(kafka.topicPrefix() + APPLICATION_ID, stateDir));
    runner.start();
    return runner;
  }
}
