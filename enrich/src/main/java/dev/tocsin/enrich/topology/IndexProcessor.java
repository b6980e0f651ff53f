package dev.tocsin.enrich.topology;

import dev.tocsin.enrich.cluster.ClusterAggregator;
import dev.tocsin.enrich.dedup.DedupSettings;
import dev.tocsin.enrich.dedup.MinHash;
import dev.tocsin.enrich.dedup.StoryGist;
import dev.tocsin.enrich.dedup.StoryIndex;
import dev.tocsin.enrich.state.IndexRequest;
import dev.tocsin.enrich.state.IndexedStory;
import dev.tocsin.schemas.DedupMethod;
import dev.tocsin.schemas.DedupStatus;
import dev.tocsin.schemas.DedupVerdict;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.RawStory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The index task: judges every story of a watch against every story of it kept in the retention,
 * with {@link StoryIndex}, and gives it its verdict and cluster. The index lives in heap; each
 * judged story is persisted as one {@link IndexedStory} in the changelogged index store, and the
 * heap index is rebuilt from that store, in the order the stories were judged, whenever the task
 * starts or moves. Stories come in keyed by watch and go out keyed by story id.
 */
final class IndexProcessor implements Processor<String, IndexRequest, String, JudgedStory> {

  private final StoryIndex index;
  private final Duration retention;
  private final EnrichMetrics metrics;
  private final EnrichedEncoding encoding;
  private ProcessorContext<String, JudgedStory> context;
  private KeyValueStore<String, IndexedStory> store;
  private long order;
  private String task;

  IndexProcessor(
      DedupSettings settings,
      Duration retention,
      EnrichMetrics metrics,
      EnrichedEncoding encoding) {
    this.index = new StoryIndex(settings);
    this.retention = retention;
    this.metrics = metrics;
    this.encoding = encoding;
  }

  @Override
  public void init(ProcessorContext<String, JudgedStory> context) {
    this.context = context;
    this.store = context.getStateStore(EnrichTopology.INDEX_STORE);
    this.task = context.taskId().toString();
    rebuild();
    context.schedule(EnrichTopology.RETENTION_SWEEP, PunctuationType.STREAM_TIME, this::expire);
  }

  // Streams calls init once the store is restored, and again when a task is revived after its
  // state was wiped: the heap index always starts from what the store holds.
  private void rebuild() {
    try (KeyValueIterator<String, IndexedStory> all = store.all()) {
      order = restore(index, all);
    }
    metrics.indexed(task, index.size());
  }

  /**
   * Empties {@code index} and fills it with the stories {@code held}, in the order they were
   * judged; returns the order the next story judged takes.
   */
  static long restore(StoryIndex index, Iterator<KeyValue<String, IndexedStory>> held) {
    List<KeyValue<String, IndexedStory>> stories = new ArrayList<>();
    held.forEachRemaining(stories::add);
    stories.sort(Comparator.comparingLong(kv -> kv.value.getOrder()));
    index.clear();
    long next = 0;
    for (KeyValue<String, IndexedStory> kv : stories) {
      index.restore(entry(kv.key, kv.value));
      next = Math.max(next, kv.value.getOrder() + 1);
    }
    return next;
  }

  @Override
  public void close() {
    metrics.indexClosed(task);
    index.clear();
  }

  /** Forgets the stories judged longer than the retention ago (stream time). */
  void expire(long streamTime) {
    for (String id : index.expire(Instant.ofEpochMilli(streamTime).minus(retention))) {
      // put(null), not delete(): delete decodes the old value only to return it.
      store.put(id, null);
    }
    metrics.indexed(task, index.size());
  }

  @Override
  public void process(Record<String, IndexRequest> record) {
    IndexRequest request = record.value();
    EnrichedStory story = request.getStory();
    RawStory raw = story.getStory();
    // Versions before 3 carry the whole story and no head: it is encoded here instead.
    boolean encoded = request.getEncodedHead().hasRemaining();
    byte[] head = encoded ? bytes(request.getEncodedHead()) : encoding.head(story);
    DedupVerdict dedup;
    String clusterId;
    StoryIndex.Entry held = index.get(raw.getId()).orElse(null);
    if (story.getDedup().getStatus() != DedupStatus.UNKNOWN) {
      // A request of the earlier topology, already judged by its id on its way here: a same-id
      // copy or a revision is in the cluster of the story with that id while the index holds it.
      dedup = story.getDedup();
      clusterId = held == null ? StoryIndex.clusterIdOf(raw.getId()) : held.clusterId();
    } else if (held != null) {
      // A story id judged before: a new revision of it when its feed revised it, else a copy.
      boolean revised = revise(raw);
      dedup =
          revised
              ? new DedupVerdict(DedupStatus.REVISION, null, null, 1.0)
              : new DedupVerdict(DedupStatus.DUPLICATE, raw.getId(), DedupMethod.STORY_ID, 1.0);
      clusterId = held.clusterId();
    } else {
      StoryIndex.Verdict verdict =
          judge(
              request,
              raw,
              encoded ? request.getWireOrigin() : ClusterAggregator.wireOriginOf(raw),
              Instant.ofEpochMilli(record.timestamp()));
      dedup =
          new DedupVerdict(
              verdict.isCopy() ? DedupStatus.DUPLICATE : DedupStatus.UNIQUE,
              verdict.canonicalId(),
              verdict.method(),
              verdict.score());
      clusterId = verdict.clusterId();
    }
    byte[] whole = EnrichedEncoding.join(head, dedup, clusterId, story.getAnalyzedAt());
    context.forward(
        record
            .withKey(raw.getId())
            .withValue(
                new JudgedStory(
                    raw.getId(), dedup, story.getRelevance().getRelevant(), whole, encoding)));
  }

  private static StoryIndex.Story candidate(IndexRequest request, RawStory raw) {
    return new StoryIndex.Story(
        raw.getId(),
        raw.getContentHash(),
        StoryRecords.signature(request.getSignature(), request.getSignatureScheme()),
        StoryGist.fromFeatures(request.getGist()),
        raw.getPublishedAt(),
        raw.getRevision());
  }

  // Keeps a new revision of a held story in the index and its store; returns whether it was one.
  private boolean revise(RawStory raw) {
    StoryIndex.Entry revised =
        index.revise(raw.getId(), raw.getRevision(), raw.getContentHash()).orElse(null);
    if (revised == null) {
      return false;
    }
    store.put(raw.getId(), avro(revised, store.get(raw.getId()).getOrder()));
    return true;
  }

  private StoryIndex.Verdict judge(
      IndexRequest request, RawStory raw, String wireOrigin, Instant now) {
    StoryIndex.Story candidate = candidate(request, raw);
    StoryIndex.Verdict verdict = index.judge(candidate);
    String source =
        ClusterAggregator.sourceOf(
            wireOrigin, raw.getOutlet(), verdict.isCopy(), index.matchedSource(verdict));
    StoryIndex.Entry entry = index.add(candidate, verdict, source, now);
    store.put(raw.getId(), avro(entry, order++));
    metrics.indexed(task, index.size());
    return verdict;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer.hasArray()
        && buffer.arrayOffset() == 0
        && buffer.position() == 0
        && buffer.remaining() == buffer.array().length) {
      return buffer.array();
    }
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  static IndexedStory avro(StoryIndex.Entry e, long order) {
    return IndexedStory.newBuilder()
        .setOrder(order)
        .setContentHash(e.contentHash())
        .setCanonicalId(e.canonicalId())
        .setClusterId(e.clusterId())
        .setSource(e.source())
        .setSignature(StoryRecords.bytes(e.signature()))
        .setSignatureScheme(MinHash.SCHEME)
        .setGist(e.gist() == null ? List.of() : e.gist().features())
        .setPublishedAt(e.published())
        .setSeenAt(e.seenAt())
        .setRevision(e.revision())
        .setRevisedHash(e.revisedHash())
        .build();
  }

  static StoryIndex.Entry entry(String id, IndexedStory s) {
    return new StoryIndex.Entry(
        id,
        s.getContentHash(),
        s.getCanonicalId(),
        s.getClusterId(),
        s.getSource(),
        StoryRecords.signature(s.getSignature(), s.getSignatureScheme()),
        s.getCanonicalId() == null || !s.getGist().isEmpty()
            ? StoryGist.fromFeatures(s.getGist())
            : null,
        s.getPublishedAt(),
        s.getSeenAt(),
        s.getRevision(),
        s.getRevisedHash());
  }
}
