package dev.tocsin.alerting.topology;

import dev.tocsin.alerting.state.SurgeState;
import dev.tocsin.alerting.surge.SurgeLifecycle;
import dev.tocsin.schemas.EscalationAlert;
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
 * Counts the clusters of each surge series and keeps its surge alert, on stream time: a cluster is
 * counted in the bucket of its first story's publication (at most its record time) and judges its
 * series at once; every bucket of stream time, all series are judged again, so windows slide, old
 * buckets go and quiet surges resolve.
 */
final class SurgeProcessor implements Processor<String, StoryCluster, String, EscalationAlert> {

  private final SurgeLifecycle lifecycle;
  private final Duration judgeEvery;
  private ProcessorContext<String, EscalationAlert> context;
  private KeyValueStore<String, SurgeState> series;

  SurgeProcessor(SurgeLifecycle lifecycle, Duration judgeEvery) {
    this.lifecycle = lifecycle;
    this.judgeEvery = judgeEvery;
  }

  @Override
  public void init(ProcessorContext<String, EscalationAlert> context) {
    this.context = context;
    this.series = context.getStateStore(AlertTopology.SURGE_STORE);
    context.schedule(judgeEvery, PunctuationType.STREAM_TIME, this::judgeAll);
  }

  @Override
  public void process(Record<String, StoryCluster> record) {
    SurgeState state = series.get(record.key());
    if (state == null) {
      state = SurgeLifecycle.empty(record.key());
    }
    Instant received = Instant.ofEpochMilli(record.timestamp());
    // Event time: a backlog fetched at once lands in the buckets of its publication, not in one.
    Instant published = record.value().getFirstSeen();
    Instant at = published == null || published.isAfter(received) ? received : published;
    Instant now = Instant.ofEpochMilli(Math.max(record.timestamp(), context.currentStreamTimeMs()));
    SurgeLifecycle.Step step = lifecycle.count(state, record.value(), at, now);
    series.put(record.key(), step.state());
    if (step.alert() != null) {
      context.forward(new Record<>(step.alert().getAlertKey(), step.alert(), now.toEpochMilli()));
    }
  }

  /** Judges every series at stream time: slides its windows and resolves quiet surges. */
  void judgeAll(long streamTime) {
    Instant now = Instant.ofEpochMilli(streamTime);
    List<KeyValue<String, SurgeState>> all = new ArrayList<>();
    try (KeyValueIterator<String, SurgeState> it = series.all()) {
      it.forEachRemaining(all::add);
    }
    for (KeyValue<String, SurgeState> entry : all) {
      SurgeLifecycle.Step step = lifecycle.judge(entry.value, now);
      if (SurgeLifecycle.isEmpty(step.state())) {
        series.delete(entry.key);
      } else if (!step.state().equals(entry.value)) {
        series.put(entry.key, step.state());
      }
      if (step.alert() != null) {
        context.forward(new Record<>(step.alert().getAlertKey(), step.alert(), streamTime));
      }
    }
  }
}
