package dev.tocsin.alerting.topology;

import dev.tocsin.alerting.escalation.EscalationScorer;
import dev.tocsin.alerting.state.AlertState;
import dev.tocsin.alerting.state.SurgeState;
import dev.tocsin.alerting.surge.SurgeLifecycle;
import dev.tocsin.alerting.surge.SurgeSettings;
import dev.tocsin.schemas.AvroSerde;
import dev.tocsin.schemas.StoryCluster;
import dev.tocsin.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the alerting topology: scores each cluster change and keeps each alert's lifecycle, and
 * counts on-watch clusters per surge series against their rolling baseline.
 */
public final class AlertTopology {

  static final String ALERT_STORE = "alert-lifecycle-store";
  static final String SURGE_COUNTED_STORE = "surge-counted-store";
  static final String SURGE_STORE = "surge-series-store";

  /** Name of the repartition topic that keys clusters by surge series. */
  static final String SURGE_REPARTITION = "surge-series";

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
            AvroSerde.of(AlertState.class)));
    KStream<String, StoryCluster> clusters =
        builder.stream(
                topics.clusters().name(),
                Consumed.with(topics.clusters().keySerde(), topics.clusters().valueSerde())
                    .withName("clusters-source"))
            .filter((id, cluster) -> cluster != null, Named.as("clusters-present"));
    clusters
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
    addSurges(builder, clusters, settings, topics);
    return builder.build();
  }

  private static void addSurges(
      StreamsBuilder builder,
      KStream<String, StoryCluster> clusters,
      AlertSettings settings,
      Topics topics) {
    SurgeSettings surge = settings.surge();
    SurgeLifecycle lifecycle =
        new SurgeLifecycle(surge, settings.profileId(), settings.policy().runbookUrl());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SURGE_COUNTED_STORE), Serdes.String(), Serdes.Long()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SURGE_STORE),
            Serdes.String(),
            AvroSerde.of(SurgeState.class)));
    clusters
        .process(
            () -> new SurgeCountProcessor(surge.window().plus(surge.current()), surge.bucket()),
            Named.as("surge-count-once"),
            SURGE_COUNTED_STORE)
        // One partition: the series are few (event types and actor pairs) and sharing one stream
        // clock lets any on-watch cluster slide every series' windows and resolve quiet surges.
        .repartition(
            Repartitioned.<String, StoryCluster>as(SURGE_REPARTITION)
                .withKeySerde(Serdes.String())
                .withValueSerde(AvroSerde.of(StoryCluster.class))
                .withNumberOfPartitions(1))
        .process(
            () -> new SurgeProcessor(lifecycle, surge.bucket()),
            Named.as("surge-detect"),
            SURGE_STORE)
        .to(
            topics.alerts().name(),
            Produced.with(topics.alerts().keySerde(), topics.alerts().valueSerde())
                .withName("surge-alerts-sink"));
  }
}
