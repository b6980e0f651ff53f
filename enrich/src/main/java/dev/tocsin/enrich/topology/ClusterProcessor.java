package dev.tocsin.enrich.topology;

import dev.tocsin.enrich.cluster.ClusterAggregator;
import dev.tocsin.enrich.state.IndexedStory;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.StoryCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds each on-watch story the index task judged into its cluster, in the index task itself, and
 * emits the cluster keyed by its id. The independent source a story counts as is what the index
 * recorded for it (or, for a same-id copy or a revision, for the story with its id).
 */
final class ClusterProcessor implements Processor<String, JudgedStory, String, StoryCluster> {

  private final Duration retention;
  private final int maxMembers;
  private ProcessorContext<String, StoryCluster> context;
  private KeyValueStore<String, StoryCluster> clusters;
  private KeyValueStore<String, IndexedStory> indexed;

  ClusterProcessor(Duration retention, int maxMembers) {
    this.retention = retention;
    this.maxMembers = maxMembers;
  }

  @Override
  public void init(ProcessorContext<String, StoryCluster> context) {
    this.context = context;
    this.clusters = context.getStateStore(EnrichTopology.CLUSTER_STORE);
    this.indexed = context.getStateStore(EnrichTopology.INDEX_STORE);
    context.schedule(EnrichTopology.RETENTION_SWEEP, PunctuationType.STREAM_TIME, this::expire);
  }

  @Override
  public void process(Record<String, JudgedStory> record) {
    EnrichedStory story = record.value().story();
    IndexedStory held = indexed.get(story.getStory().getId());
    String source = held != null ? held.getSource() : story.getStory().getOutlet();
    StoryCluster cluster =
        ClusterAggregator.add(clusters.get(story.getClusterId()), story, source, maxMembers);
    clusters.put(cluster.getClusterId(), cluster);
    context.forward(record.withKey(cluster.getClusterId()).withValue(cluster));
  }

  // A cluster last updated before the retention has no member left in the index: nothing can join
  // it any more. The topic keeps its last version.
  void expire(long streamTime) {
    Instant oldest = Instant.ofEpochMilli(streamTime).minus(retention);
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, StoryCluster> all = clusters.all()) {
      while (all.hasNext()) {
        KeyValue<String, StoryCluster> kv = all.next();
        if (kv.value.getUpdatedAt().isBefore(oldest)) {
          expired.add(kv.key);
        }
      }
    }
    expired.forEach(id -> clusters.put(id, null));
  }
}
