package dev.tocsin.enrich.dedup;

import dev.tocsin.schemas.DedupMethod;
import java.time.Instant;
import java.util.Objects;

/**
 * De-duplicates and clusters stories one at a time, in arrival order, in memory, with the rules of
 * {@link StoryIndex} that the Streams topology's index task applies: first seen is canonical; same
 * story id, then same content, then MinHash-LSH near-duplicates; reports of a story in other words
 * or languages join its cluster by their {@link StoryGist}. Used by {@code tocsin analyze} and the
 * evaluation.
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

  private final MinHash minHash;
  private final StoryIndex index;

  /** Creates a de-duplicator with the given thresholds. */
  public OfflineDeduplicator(DedupSettings settings) {
    Objects.requireNonNull(settings, "settings");
    this.minHash = new MinHash(settings.minHashes(), settings.seed());
    this.index = new StoryIndex(settings);
  }

  /** Returns the verdict on {@code story}, given every story added before it. */
  public Verdict add(Story story) {
    Objects.requireNonNull(story, "story");
    int[] signature =
        MinHash.hasEnoughWords(story.text()) ? minHash.signature(story.text()) : new int[0];
    StoryIndex.Story indexed =
        new StoryIndex.Story(
            story.id(), story.contentHash(), signature, story.gist(), story.published());
    StoryIndex.Verdict verdict = index.judge(indexed);
    index.add(indexed, verdict, null, Instant.EPOCH);
    return new Verdict(
        verdict.isCopy() ? verdict.canonicalId() : null,
        verdict.method(),
        verdict.score(),
        verdict.clusterId());
  }

  /** Returns the number of stories held. */
  public int size() {
    return index.size();
  }

  /** Returns the cluster id of the real-world story whose first report is {@code storyId}. */
  public static String clusterIdOf(String storyId) {
    return StoryIndex.clusterIdOf(storyId);
  }
}
