package dev.tocsin.alerting.topology;

import dev.tocsin.alerting.escalation.EscalationScorer;
import dev.tocsin.schemas.InternalSerdes;
import dev.tocsin.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/** Builds the alerting topology: scores each cluster change and keeps each alert's lifecycle. */
public final class AlertTopology {

  static final String ALERT_STORE = "alert-lifecycle-store";

  private AlertTopology() {}

  /** Builds the escalation and alert lifecycle topology, reporting its meters nowhere. */
  public static Topology build(AlertSettings settings, Topics topics) {
    return build(settings, topics, new CompositeMeterRegistry());
  }

  /**
   * Builds the escalation and alert lifecycle topology, reporting {@code tocsin.alerts} and {@code
   * tocsin.end.to.end.latency} to {@code meters}.
   */
  public static Topology build(AlertSettings settings, Topics topics, MeterRegistry meters) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(topics, "topics");
    AlertMetrics metrics = new AlertMetrics(Objects.requireNonNull(meters, "meters"));
    EscalationScorer scorer = new EscalationScorer(settings.policy());
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ALERT_STORE),
            Serdes.String(),
            InternalSerdes.alertState()));
    builder.stream(
            topics.clusters().name(),
            Consumed.with(topics.clusters().keySerde(), topics.clusters().valueSerde())
                .withName("clusters-source"))
        .filter((id, cluster) -> cluster != null, Named.as("clusters-present"))
        .process(
            () ->
                new AlertLifecycleProcessor(
                    scorer, settings.profileId(), settings.quietPeriod(), metrics),
            Named.as("alert-lifecycle"),
            ALERT_STORE)
        .to(
            topics.alerts().name(),
            Produced.with(topics.alerts().keySerde(), topics.alerts().valueSerde())
                .withName("alerts-sink"));
    return builder.build();
  }
}
