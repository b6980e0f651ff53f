package dev.tocsin.enrich.dedup;

import dev.tocsin.schemas.DedupMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

  private record Seen(
      String id, String root, String clusterId, StoryGist gist, Instant published) {}

  private record Candidate(Seen story, int[] signature) {}

  private final DedupSettings settings;
  private final MinHash minHash;
  private final Map<String, Verdict> byId = new HashMap<>();
  private final Map<String, String> byContent = new HashMap<>();
  private final Map<String, List<Candidate>> buckets = new HashMap<>();
  private final Map<String, Seen> seen = new LinkedHashMap<>();

  /** Creates a de-duplicator with the given thresholds. */
  public OfflineDeduplicator(DedupSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.minHash = new MinHash(settings.minHashes(), settings.seed());
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
      Seen original = seen.get(root);
      remember(story, root, original.clusterId());
      return new Verdict(root, DedupMethod.CONTENT_HASH, 1.0, original.clusterId());
    }
    byContent.put(story.contentHash(), story.id());

    List<String> keys = List.of();
    int[] signature = null;
    if (MinHash.hasEnoughWords(story.text())) {
      signature = minHash.signature(story.text());
      keys = minHash.bandKeys(signature, settings.bands());
      Seen best = null;
      double bestScore = 0;
      for (String key : keys) {
        for (Candidate candidate : buckets.getOrDefault(key, List.of())) {
          double score = MinHash.similarity(signature, candidate.signature());
          if (score >= settings.nearDuplicateThreshold() && score > bestScore) {
            best = candidate.story();
            bestScore = score;
          }
        }
      }
      if (best != null) {
        remember(story, best.root(), best.clusterId());
        return new Verdict(best.root(), DedupMethod.MINHASH, bestScore, best.clusterId());
      }
    }

    // Not a copy of any text: it may still report a story already seen, in another language or in
    // other words. It then joins that story's cluster but is not suppressed.
    Seen bestGist = null;
    double bestGistScore = 0;
    for (Seen candidate : seen.values()) {
      if (candidate.id().equals(story.id())
          || !candidate.root().equals(candidate.id())
          || !withinWindow(story.published(), candidate.published())) {
        continue;
      }
      double score = StoryGist.similarity(story.gist(), candidate.gist());
      if (isSameStory(story.gist(), candidate.gist(), score) && score > bestGistScore) {
        bestGist = candidate;
        bestGistScore = score;
      }
    }
    String clusterId = bestGist != null ? bestGist.clusterId() : clusterIdOf(story.id());
    Seen self = remember(story, story.id(), clusterId);
    for (String key : keys) {
      buckets.computeIfAbsent(key, k -> new ArrayList<>()).add(new Candidate(self, signature));
    }
    return bestGist == null
        ? new Verdict(null, null, 0.0, clusterId)
        : new Verdict(null, DedupMethod.TRANSLATION, bestGistScore, clusterId);
  }

  // Reports of one story appear within days of each other; unknown times do not rule a pair out.
  private boolean withinWindow(Instant a, Instant b) {
    return a == null
        || b == null
        || Duration.between(a, b).abs().compareTo(settings.clusterWindow()) <= 0;
  }

  /** Returns true when two gists with this similarity describe the same real-world story. */
  boolean isSameStory(StoryGist a, StoryGist b, double score) {
    boolean numbersDisagree =
        !a.numbers().isEmpty() && !b.numbers().isEmpty() && StoryGist.sharedNumbers(a, b) == 0;
    return score >= settings.gistThreshold()
        && StoryGist.sharedFeatures(a, b) >= settings.gistMinSharedFeatures()
        && !numbersDisagree;
  }

  private Seen remember(Story story, String root, String clusterId) {
    Seen s = new Seen(story.id(), root, clusterId, story.gist(), story.published());
    seen.put(story.id(), s);
    return s;
  }

  /** Returns the cluster id of the real-world story whose first report is {@code storyId}. */
  public static String clusterIdOf(String storyId) {
    return "cl-" + storyId;
  }
}
