package dev.tocsin.alerting.topology;

import dev.tocsin.alerting.surge.SurgeSeries;
import dev.tocsin.schemas.StoryCluster;
import java.time.Duration;
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
 * Passes each cluster on once, keyed by each of its surge series, when it first reports an event:
 * later versions of the cluster are not counted again. A cluster id is remembered for {@code
 * retention} of stream time, the span in which its count still weighs in a surge.
 */
final class SurgeCountProcessor implements Processor<String, StoryCluster, String, StoryCluster> {

  private final Duration retention;
  private final Duration sweepEvery;
  private ProcessorContext<String, StoryCluster> context;
  private KeyValueStore<String, Long> counted;

  SurgeCountProcessor(Duration retention, Duration sweepEvery) {
    this.retention = retention;
    this.sweepEvery = sweepEvery;
  }

  @Override
  public void init(ProcessorContext<String, StoryCluster> context) {
    this.context = context;
    this.counted = context.getStateStore(AlertTopology.SURGE_COUNTED_STORE);
    context.schedule(sweepEvery, PunctuationType.STREAM_TIME, this::forget);
  }

  @Override
  public void process(Record<String, StoryCluster> record) {
    StoryCluster cluster = record.value();
    List<String> series = SurgeSeries.of(cluster);
    if (series.isEmpty() || counted.get(cluster.getClusterId()) != null) {
      return;
    }
    counted.put(cluster.getClusterId(), record.timestamp());
    for (String s : series) {
      context.forward(record.withKey(s));
    }
  }

  private void forget(long streamTime) {
    long before = streamTime - retention.toMillis();
    List<String> old = new ArrayList<>();
    try (KeyValueIterator<String, Long> all = counted.all()) {
      while (all.hasNext()) {
        KeyValue<String, Long> entry = all.next();
        if (entry.value < before) {
          old.add(entry.key);
        }
      }
    }
    old.forEach(counted::delete);
  }
}
