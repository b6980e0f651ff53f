package dev.tocsin.app;

import dev.tocsin.alerting.AlertingApp;
import dev.tocsin.alerting.topology.AlertSettings;
import dev.tocsin.enrich.EnrichApp;
import dev.tocsin.enrich.topology.EnrichSettings;
import dev.tocsin.ingest.IngestApp;
import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.schemas.Feed;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the services of one JVM in order and stops them in reverse order. */
final class Pipeline implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private KafkaSettings kafka;

  /** Uses the given Kafka, or starts an embedded broker with its data under {@code dataDir}. */
  KafkaSettings kafka(KafkaSettings configured, Path dataDir) {
    if (configured != null) {
      kafka = configured;
    } else {
      EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"));
      started.push(broker);
      kafka = KafkaSettings.local(broker.bootstrapServers());
    }
    return kafka;
  }

  void enrich(EnrichSettings settings, Path dataDir) {
    started.push(EnrichApp.start(kafka, settings, dataDir.resolve("streams")));
  }

  void alerting(AlertSettings settings, Path dataDir) {
    started.push(AlertingApp.start(kafka, settings, dataDir.resolve("streams")));
  }

  void ingest(List<Feed> feeds, String instanceId) {
    started.push(IngestApp.start(kafka, feeds, instanceId, Clock.systemUTC()));
  }

  void add(AutoCloseable resource) {
    started.push(resource);
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable next = started.pop();
      try {
        next.close();
      } catch (Exception e) {
        LOG.warn("Error while stopping {}: {}", next.getClass().getSimpleName(), e.toString());
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
