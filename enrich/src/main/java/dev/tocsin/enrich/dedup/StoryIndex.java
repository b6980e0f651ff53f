package dev.tocsin.enrich.dedup;

import dev.tocsin.schemas.DedupMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Judges stories one at a time, in arrival order, against every story it holds, and then holds them
 * too: the first story seen is canonical; a story with the id of one held is a copy of it ({@link
 * DedupMethod#STORY_ID}), one with the same content hash a copy of its root ({@link
 * DedupMethod#CONTENT_HASH}), one whose MinHash signature is close to an original's a copy of that
 * original ({@link DedupMethod#MINHASH}); otherwise a story whose {@link StoryGist} matches an
 * original's reports the same real-world story in other words or another language and joins its
 * cluster ({@link DedupMethod#TRANSLATION}).
 *
 * <p>The one place these rules live: the enrich topology's index task and {@link
 * OfflineDeduplicator} ({@code tocsin analyze}, the evaluation) both call it. Everything is in heap
 * (the LSH bands in a {@link BandTable}, the gist buckets as lists); the index task persists each
 * story's {@link Entry} and rebuilds the index from them with {@link #restore}.
 */
public final class StoryIndex {

  /**
   * A story to judge.
   *
   * @param id story id
   * @param contentHash hash of the normalized title and text
   * @param signature MinHash signature, empty when the text is too short for one
   * @param gist the story's gist
   * @param published when it was published, or null when unknown
   * @param revision its revision: 0 for the first version its feed published, then 1, 2, ...
   */
  public record Story(
      String id,
      String contentHash,
      int[] signature,
      StoryGist gist,
      Instant published,
      int revision) {

    /** Creates the first revision of a story. */
    public Story(
        String id, String contentHash, int[] signature, StoryGist gist, Instant published) {
      this(id, contentHash, signature, gist, published, 0);
    }

    /** Validates the story. */
    public Story {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(contentHash, "contentHash");
      Objects.requireNonNull(signature, "signature");
      Objects.requireNonNull(gist, "gist");
    }
  }

  /**
   * The verdict on one story. A copy names its canonical story; a report joined by its gist ({@link
   * DedupMethod#TRANSLATION}) names the report it matched; a new story names none.
   *
   * @param canonicalId the story it copies or matched, or null
   * @param method how it was recognised, or null for a new story
   * @param score similarity to the canonical story (1 for exact copies)
   * @param clusterId the real-world story it belongs to
   */
  public record Verdict(String canonicalId, DedupMethod method, double score, String clusterId) {

    /** Returns true when the story is a copy of another's text (suppressed downstream). */
    public boolean isCopy() {
      return method != null && method != DedupMethod.TRANSLATION;
    }
  }

  /**
   * What the index holds of a judged story: enough to judge later stories against it and to rebuild
   * the index.
   *
   * @param id story id
   * @param contentHash its content hash
   * @param canonicalId the story it copies, or null for an original (a report joined by its gist is
   *     an original)
   * @param clusterId its cluster
   * @param source the independent source it counts as, or null where nobody asked
   * @param signature an original's MinHash signature, else empty
   * @param gist an original's gist, or a near copy's whose lead tells other facts than its
   *     original's; else null
   * @param published when it was published, or null
   * @param seenAt stream time when it was judged
   * @param revision the latest revision of it judged (0 for the first)
   * @param revisedHash the content hash of that revision, or null while it has none
   */
  public record Entry(
      String id,
      String contentHash,
      String canonicalId,
      String clusterId,
      String source,
      int[] signature,
      StoryGist gist,
      Instant published,
      Instant seenAt,
      int revision,
      String revisedHash) {

    /** Validates the entry. */
    public Entry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(contentHash, "contentHash");
      Objects.requireNonNull(clusterId, "clusterId");
      Objects.requireNonNull(signature, "signature");
      Objects.requireNonNull(seenAt, "seenAt");
    }

    /** Returns true for an original (not a copy of another story's text). */
    public boolean isOriginal() {
      return canonicalId == null;
    }
  }

  /**
   * The most stories a gist is compared with: the latest that share a bucket with it. Reports of
   * one story come within hours of each other, so a bound keeps a busy news day from making every
   * story cost thousands of comparisons.
   */
  public static final int MAX_CANDIDATES = GistMatcher.MAX_BUCKET;

  /**
   * The most stories a signature is compared with in one LSH band: the latest that share it. Text
   * shared by many stories (an outlet's standard footer, a boilerplate paragraph) puts them all in
   * the same bands; without a bound each story would be compared with every one of them.
   */
  public static final int MAX_BAND_CANDIDATES = 256;

  private final DedupSettings settings;
  private final GistMatcher gists;
  private final Map<String, Held> byId = new HashMap<>();
  private final Map<String, String> byContent = new HashMap<>();
  private final Map<String, Bucket> gistBuckets = new HashMap<>();
  // One instance of each independent source's name, however many stories name it.
  private final Map<String, String> sources = new HashMap<>();
  private long sequence;
  private int gistMark;
  private final BandTable bands = new BandTable();
  // The originals with a signature, by BandTable slot.
  private final List<Held> slots = new ArrayList<>();
  private int evictedSlots;
  // Marks the slots already compared for the story being judged (one MinHash comparison each).
  private int[] visited = new int[0];
  private int visit;

  /** Creates an empty index with the given thresholds. */
  public StoryIndex(DedupSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.gists = new GistMatcher(settings);
  }

  /** Returns the cluster id of the real-world story whose first report is {@code storyId}. */
  public static String clusterIdOf(String storyId) {
    return "cl-" + storyId;
  }

  /** Returns the number of stories held. */
  public int size() {
    return byId.size();
  }

  /** Returns the entry of {@code storyId}, if held. */
  public Optional<Entry> get(String storyId) {
    Held held = byId.get(storyId);
    return held == null ? Optional.empty() : Optional.of(held.entry);
  }

  /**
   * Returns the independent source of the story {@code verdict} names, when the story judged counts
   * as that story's source: a copy of it, or a report of the same story joined by its gist; null
   * for a new story, a report joined as the same development (other facts, a source of its own), or
   * a story no longer held.
   */
  public String matchedSource(Verdict verdict) {
    boolean sameStory = verdict.isCopy() || verdict.score() > GistMatcher.DEVELOPMENT_SCORE;
    if (verdict.canonicalId() == null || !sameStory) {
      return null;
    }
    return get(verdict.canonicalId()).map(Entry::source).orElse(null);
  }

  /**
   * Records revision {@code revision} of story {@code id}, with content {@code contentHash}, as a
   * new revision of the held story with that id when it is one: a higher revision whose content
   * differs from the latest revision held. Returns the entry to persist, or empty when no story
   * with that id is held or this is no new revision (another feed's copy, a re-delivery: a copy by
   * its id, as {@link #judge} says). A revision keeps the first version's cluster and fingerprints.
   */
  public Optional<Entry> revise(String id, int revision, String contentHash) {
    Held held = byId.get(id);
    if (held == null) {
      return Optional.empty();
    }
    Entry e = held.entry;
    String latest = e.revisedHash() == null ? e.contentHash() : e.revisedHash();
    if (revision <= e.revision() || contentHash.equals(latest)) {
      return Optional.empty();
    }
    held.entry =
        new Entry(
            e.id(),
            e.contentHash(),
            e.canonicalId(),
            e.clusterId(),
            e.source(),
            e.signature(),
            e.gist(),
            e.published(),
            e.seenAt(),
            revision,
            contentHash);
    return Optional.of(held.entry);
  }

  /** Returns the verdict on {@code story} given every story held; changes nothing. */
  public Verdict judge(Story story) {
    Objects.requireNonNull(story, "story");
    Entry earlier = get(story.id()).orElse(null);
    if (earlier != null) {
      String root = earlier.isOriginal() ? earlier.id() : earlier.canonicalId();
      return new Verdict(root, DedupMethod.STORY_ID, 1.0, earlier.clusterId());
    }
    String sameContent = byContent.get(story.contentHash());
    if (sameContent != null) {
      return new Verdict(
          sameContent, DedupMethod.CONTENT_HASH, 1.0, byId.get(sameContent).entry.clusterId());
    }
    if (story.signature().length > 0) {
      Entry best = nearestCopy(story.signature());
      if (best != null) {
        double score = MinHash.similarity(story.signature(), best.signature());
        return new Verdict(best.id(), DedupMethod.MINHASH, score, best.clusterId());
      }
    }
    return gists
        .best(gistCandidates(story.gist()), story.id(), story.gist(), story.published())
        .map(m -> new Verdict(m.storyId(), DedupMethod.TRANSLATION, m.score(), m.clusterId()))
        .orElseGet(() -> new Verdict(null, null, 0.0, clusterIdOf(story.id())));
  }

  // The members of every bucket the gist is keyed under, each once (a story shares several
  // buckets with its likes), the latest MAX_CANDIDATES of them, in the order they were indexed.
  private List<GistMatcher.Member> gistCandidates(StoryGist gist) {
    // Marks only need to differ from those of the stories held (judged within the retention), so
    // the counter may wrap.
    int mark = ++gistMark;
    List<Held> found = new ArrayList<>();
    for (String key : gists.keys(gist)) {
      Bucket bucket = gistBuckets.get(key);
      if (bucket == null) {
        continue;
      }
      for (Held held : bucket.members) {
        if (held.mark != mark) {
          held.mark = mark;
          found.add(held);
        }
      }
    }
    // Each candidate as its sequence and its place in found, sorted: the latest come last.
    long[] order = new long[found.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = found.get(i).sequence << 20 | i;
    }
    Arrays.sort(order);
    int from = Math.max(0, order.length - MAX_CANDIDATES);
    List<GistMatcher.Member> members = new ArrayList<>(order.length - from);
    for (int i = from; i < order.length; i++) {
      members.add(found.get((int) (order[i] & ((1 << 20) - 1))).member);
    }
    return members;
  }

  /**
   * Holds {@code story} with its {@code verdict} (from {@link #judge}) and returns the entry to
   * persist. A story already held is not added again.
   */
  public Entry add(Story story, Verdict verdict, String source, Instant seenAt) {
    Objects.requireNonNull(verdict, "verdict");
    Held held = byId.get(story.id());
    if (held != null) {
      return held.entry;
    }
    boolean copy = verdict.isCopy();
    Entry entry =
        new Entry(
            story.id(),
            story.contentHash(),
            copy ? verdict.canonicalId() : null,
            verdict.clusterId(),
            source,
            copy ? new int[0] : story.signature(),
            copy ? otherLead(story, verdict) : story.gist(),
            story.published(),
            seenAt,
            story.revision(),
            null);
    restore(entry);
    return entry;
  }

  // The gist of a near copy whose lead tells other facts than its original's (a syndicator's own
  // summary, a wire's lede above the same body), else null: filed beside the original's, it lets a
  // translation of either lead find the story, whichever version came first.
  private StoryGist otherLead(Story story, Verdict verdict) {
    if (verdict.method() != DedupMethod.MINHASH || story.gist().totalWeight() == 0) {
      return null;
    }
    Held original = byId.get(verdict.canonicalId());
    StoryGist originalGist = original == null ? null : original.entry.gist();
    return story.gist().equals(originalGist) ? null : story.gist();
  }

  /** Holds an entry persisted earlier, as {@link #add} held it. */
  public void restore(Entry entry) {
    Objects.requireNonNull(entry, "entry");
    if (byId.containsKey(entry.id())) {
      return;
    }
    // The index keeps the gist as matching needs it; the keys are taken from the full gist first.
    List<String> keys = entry.gist() == null ? List.of() : gists.keys(entry.gist());
    Entry compact =
        new Entry(
            entry.id(),
            entry.contentHash(),
            entry.canonicalId(),
            entry.clusterId(),
            entry.source() == null ? null : sources.computeIfAbsent(entry.source(), s -> s),
            entry.signature(),
            entry.gist() == null ? null : entry.gist().compact(),
            entry.published(),
            entry.seenAt(),
            entry.revision(),
            entry.revisedHash());
    Held held = new Held(compact, sequence++);
    byId.put(entry.id(), held);
    // The content of a copy maps to the original it copies, so a later exact copy names it.
    byContent.putIfAbsent(
        entry.contentHash(), entry.isOriginal() ? entry.id() : entry.canonicalId());
    if (entry.isOriginal() && entry.signature().length > 0) {
      bands.add(slots.size(), MinHash.bandHashes(entry.signature(), settings.bands()));
      slots.add(held);
    }
    if (compact.gist() != null && !keys.isEmpty()) {
      held.member =
          new GistMatcher.Member(
              entry.id(), entry.clusterId(), compact.gist(), entry.published(), entry.seenAt());
      held.buckets = new Bucket[keys.size()];
      for (int k = 0; k < keys.size(); k++) {
        Bucket bucket = gistBuckets.computeIfAbsent(keys.get(k), Bucket::new);
        held.buckets[k] = bucket;
        bucket.members.add(held);
        if (bucket.members.size() > GistMatcher.MAX_BUCKET) {
          bucket.members.remove(0);
        }
      }
    }
  }

  /**
   * Forgets every story judged before {@code oldest} (stream time) and returns their ids, so the
   * caller can delete what it persisted.
   */
  public List<String> expire(Instant oldest) {
    List<String> expired = new ArrayList<>();
    for (Iterator<Held> it = byId.values().iterator(); it.hasNext(); ) {
      Held held = it.next();
      Entry entry = held.entry;
      if (!entry.seenAt().isBefore(oldest)) {
        continue;
      }
      it.remove();
      expired.add(entry.id());
      byContent.remove(entry.contentHash(), entry.isOriginal() ? entry.id() : entry.canonicalId());
      for (Bucket bucket : held.buckets) {
        bucket.members.remove(held);
        if (bucket.members.isEmpty()) {
          gistBuckets.remove(bucket.key);
        }
      }
      if (entry.isOriginal() && entry.signature().length > 0) {
        evictedSlots++;
      }
    }
    if (evictedSlots > 0) {
      rebuildBands();
    }
    return expired;
  }

  /** Forgets everything. */
  public void clear() {
    byId.clear();
    byContent.clear();
    gistBuckets.clear();
    sources.clear();
    bands.clear();
    slots.clear();
    evictedSlots = 0;
  }

  // The original whose signature is closest to this one, at or above the threshold, earliest
  // first among equals; each candidate is compared once however many bands it shares.
  private Entry nearestCopy(int[] signature) {
    if (visited.length < slots.size()) {
      visited = new int[Math.max(16, slots.size() * 2)];
      visit = 0;
    }
    int mark = ++visit;
    if (mark == Integer.MAX_VALUE) {
      Arrays.fill(visited, 0);
      visit = 1;
      mark = 1;
    }
    final int current = mark;
    Entry[] best = {null};
    int[] bestSame = {-1};
    int[] bestSlot = {Integer.MAX_VALUE};
    int least = (int) Math.ceil(settings.nearDuplicateThreshold() * signature.length - 1e-9);
    bands.forEachCandidate(
        MinHash.bandHashes(signature, settings.bands()),
        MAX_BAND_CANDIDATES,
        slot -> {
          if (visited[slot] == current) {
            return;
          }
          visited[slot] = current;
          Entry candidate = slots.get(slot).entry;
          int same =
              MinHash.agreeing(signature, candidate.signature(), Math.max(least, bestSame[0]));
          if (same >= least
              && (same > bestSame[0] || (same == bestSame[0] && slot < bestSlot[0]))) {
            best[0] = candidate;
            bestSame[0] = same;
            bestSlot[0] = slot;
          }
        });
    return best[0];
  }

  // Slots of evicted stories are dropped by renumbering the survivors in their order.
  private void rebuildBands() {
    List<Held> live = new ArrayList<>(slots.size() - evictedSlots);
    for (Held h : slots) {
      if (byId.get(h.entry.id()) == h) {
        live.add(h);
      }
    }
    bands.clear();
    slots.clear();
    for (Held h : live) {
      bands.add(slots.size(), MinHash.bandHashes(h.entry.signature(), settings.bands()));
      slots.add(h);
    }
    evictedSlots = 0;
    visited = new int[0];
  }

  // A gist bucket: the latest originals whose gists have its key, in the order they were indexed.
  private static final class Bucket {
    final String key;
    final List<Held> members = new ArrayList<>(4);

    Bucket(String key) {
      this.key = key;
    }
  }

  // A story the index holds: its entry; for an original with a gist, its bucket member and
  // buckets; the order it was indexed in, and the mark of the last story that gathered it as a
  // candidate.
  private static final class Held {
    private static final Bucket[] NO_BUCKETS = new Bucket[0];

    Entry entry;
    final long sequence;
    GistMatcher.Member member;
    Bucket[] buckets = NO_BUCKETS;
    int mark;

    Held(Entry entry, long sequence) {
      this.entry = entry;
      this.sequence = sequence;
    }
  }
}
