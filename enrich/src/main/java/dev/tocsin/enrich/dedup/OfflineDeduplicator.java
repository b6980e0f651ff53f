package dev.tocsin.enrich.dedup;

import dev.tocsin.schemas.DedupMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * De-duplicates and clusters stories one at a time, in arrival order, in memory: the same rules as
 * the Streams topology (first seen is canonical; same story id, then same content, then MinHash-LSH
 * near-duplicates), plus translated and rewritten copies matched by their {@link StoryGist}. Used
 * by {@code tocsin analyze} and the evaluation; the topology calls the same {@link MinHash} and
 * {@link StoryGist} functions.
 */
public final class OfflineDeduplicator {

  /**
   * A story as de-duplication sees it.
   *
   * @param id story id
   * @param contentHash hash of the normalized title and text
   * @param text title and text
   * @param language language code, may be null
   * @param gist the story's gist
   * @param published when it was published, or null when unknown
   */
  public record Story(
      String id,
      String contentHash,
      String text,
      String language,
      StoryGist gist,
      Instant published) {

    /** Creates a story whose publication time is unknown. */
    public Story(String id, String contentHash, String text, String language, StoryGist gist) {
      this(id, contentHash, text, language, gist, null);
    }

    /** Validates the story. */
    public Story {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(contentHash, "contentHash");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(gist, "gist");
    }
  }

  /**
   * The verdict on one story. A copy of a text (same id, same content, near-duplicate) names its
   * canonical story; a report of an already seen story in another language or in other words
   * ({@link DedupMethod#TRANSLATION}) names none but joins that story's cluster.
   *
   * @param duplicateOf the canonical story it copies, or null when it is not a copy
   * @param method how the copy was recognised, or null
   * @param score similarity to the canonical story (1 for exact copies)
   * @param clusterId the real-world story it belongs to
   */
  public record Verdict(String duplicateOf, DedupMethod method, double score, String clusterId) {}

  private record Candidate(String root, int[] signature) {}

  private final DedupSettings settings;
  private final MinHash minHash;
  private final GistMatcher gists;
  private final Map<String, Verdict> byId = new HashMap<>();
  private final Map<String, String> byContent = new HashMap<>();
  private final Map<String, List<Candidate>> buckets = new HashMap<>();
  private final Map<String, List<GistMatcher.Member>> gistBuckets = new HashMap<>();

  /** Creates a de-duplicator with the given thresholds. */
  public OfflineDeduplicator(DedupSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.minHash = new MinHash(settings.minHashes(), settings.seed());
    this.gists = new GistMatcher(settings);
  }

  /** Returns the verdict on {@code story}, given every story added before it. */
  public Verdict add(Story story) {
    Objects.requireNonNull(story, "story");
    Verdict earlier = byId.get(story.id());
    if (earlier != null) {
      // A repeated id is a copy of the first story with that id.
      String root = earlier.duplicateOf() != null ? earlier.duplicateOf() : story.id();
      return new Verdict(root, DedupMethod.STORY_ID, 1.0, earlier.clusterId());
    }
    Verdict verdict = judge(story);
    byId.put(story.id(), verdict);
    return verdict;
  }

  private Verdict judge(Story story) {
    String root = byContent.get(story.contentHash());
    if (root != null) {
      return new Verdict(root, DedupMethod.CONTENT_HASH, 1.0, clusterOfCopy(story, root));
    }
    byContent.put(story.contentHash(), story.id());

    List<String> keys = List.of();
    int[] signature = null;
    if (MinHash.hasEnoughWords(story.text())) {
      signature = minHash.signature(story.text());
      keys = minHash.bandKeys(signature, settings.bands());
      String best = null;
      double bestScore = 0;
      for (String key : keys) {
        for (Candidate candidate : buckets.getOrDefault(key, List.of())) {
          double score = MinHash.similarity(signature, candidate.signature());
          if (score >= settings.nearDuplicateThreshold() && score > bestScore) {
            best = candidate.root();
            bestScore = score;
          }
        }
      }
      if (best != null) {
        return new Verdict(best, DedupMethod.MINHASH, bestScore, clusterOfCopy(story, best));
      }
    }
    for (String key : keys) {
      buckets
          .computeIfAbsent(key, k -> new ArrayList<>())
          .add(new Candidate(story.id(), signature));
    }
    return joinCluster(story);
  }

  // A copy belongs to its canonical story's cluster, as the gist buckets the copy's own gist points
  // to record it, else the canonical story's own cluster, as the topology finds it.
  private String clusterOfCopy(Story story, String canonical) {
    List<GistMatcher.Match> found = new ArrayList<>();
    for (String key : gists.keys(story.gist())) {
      GistMatcher.lookup(gistBuckets.getOrDefault(key, List.of()), canonical).ifPresent(found::add);
    }
    return GistMatcher.choose(found)
        .map(GistMatcher.Match::clusterId)
        .orElse(clusterIdOf(canonical));
  }

  // Not a copy of any text: it may still report a story already seen, in another language or in
  // other words. It then joins that story's cluster but is not suppressed.
  private Verdict joinCluster(Story story) {
    String own = clusterIdOf(story.id());
    List<String> keys = gists.keys(story.gist());
    List<GistMatcher.Match> answers = new ArrayList<>();
    for (String key : keys) {
      List<GistMatcher.Member> bucket = gistBuckets.getOrDefault(key, List.of());
      var local = gists.best(bucket, story.id(), story.gist(), story.published());
      local.ifPresent(answers::add);
      gistBuckets.put(
          key,
          GistMatcher.enter(
              bucket,
              new GistMatcher.Member(
                  story.id(),
                  local.map(GistMatcher.Match::clusterId).orElse(own),
                  story.gist(),
                  story.published(),
                  null)));
    }
    var best = GistMatcher.choose(answers);
    String clusterId = best.map(GistMatcher.Match::clusterId).orElse(own);
    for (String key : keys) {
      gistBuckets.put(key, GistMatcher.settle(gistBuckets.get(key), story.id(), clusterId));
    }
    return best.isEmpty()
        ? new Verdict(null, null, 0.0, clusterId)
        : new Verdict(null, DedupMethod.TRANSLATION, best.get().score(), clusterId);
  }

  /** Returns the cluster id of the real-world story whose first report is {@code storyId}. */
  public static String clusterIdOf(String storyId) {
    return "cl-" + storyId;
  }
}
