package dev.tocsin.enrich.dedup;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Joins a story to the cluster of an earlier story that reports the same real-world event, or the
 * same development, in another language or in other words, by their {@link StoryGist}s: which
 * buckets a gist is keyed under ({@link #keys}) and which earlier member of them is its best match
 * ({@link #best}). {@link StoryIndex} holds the buckets.
 */
public final class GistMatcher {

  /** Members kept per bucket; the oldest go first. */
  public static final int MAX_BUCKET = 128;

  /**
   * An original story in a gist bucket.
   *
   * @param storyId the story
   * @param clusterId its cluster, as far as this bucket knows
   * @param gist its gist
   * @param published when it was published, or null
   * @param seenAt stream time when it entered the bucket, or null
   */
  public record Member(
      String storyId, String clusterId, StoryGist gist, Instant published, Instant seenAt) {

    /** Validates the member. */
    public Member {
      Objects.requireNonNull(storyId, "storyId");
      Objects.requireNonNull(clusterId, "clusterId");
      Objects.requireNonNull(gist, "gist");
    }
  }

  /**
   * One bucket's answer.
   *
   * @param storyId the earlier story matched, or looked up
   * @param clusterId its cluster
   * @param score gist similarity (1 for a look-up)
   */
  public record Match(String storyId, String clusterId, double score) {}

  private final DedupSettings settings;
  private final double minThreshold;
  private final long windowMillis;
  private final long developmentWindowMillis;

  /** Creates a matcher with the given thresholds. */
  public GistMatcher(DedupSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.minThreshold = Math.min(settings.gistThreshold(), settings.gistThresholdWithoutFigures());
    this.windowMillis = settings.clusterWindow().toMillis();
    this.developmentWindowMillis = settings.developmentWindow().toMillis();
  }

  /**
   * Returns the buckets a gist is matched against and entered in: those where its same-story
   * matches are ({@link StoryGist#keys}), then those where its development matches are ({@link
   * StoryGist#developmentKeys}). A same-story match without a shared figure is either as alike as
   * {@code gistThresholdWithoutFigures} with {@code gistMinSharedWeightWithoutFigures} shared, or
   * as alike as {@code gistThreshold} with {@code developmentMinSharedWeight} of evidence shared
   * ({@link #isSameStory}): the keys are those of the looser of the two bounds.
   */
  public List<String> keys(StoryGist gist) {
    return Stream.concat(
            gist
                .keys(
                    settings.gistThreshold(),
                    Math.min(
                        settings.gistMinSharedWeightWithoutFigures(),
                        settings.developmentMinSharedWeight()))
                .stream(),
            gist.developmentKeys().stream())
        .map(k -> "g:" + k)
        .toList();
  }

  /**
   * The score of a join by development ({@link #isSameDevelopment}): below every same-story score,
   * so that a report joins the cluster of a report of the same story rather than one of the same
   * development, and telling the cluster's sources that this report is not a copy or translation of
   * the one it joined.
   */
  public static final double DEVELOPMENT_SCORE = 0.0;

  /**
   * Returns the best earlier member of {@code bucket} that reports the same story as {@code gist},
   * else one that reports the same development (score {@link #DEVELOPMENT_SCORE}). A story already
   * in the bucket (a re-delivered probe) is judged only against the members that came before it.
   */
  public Optional<Match> best(
      List<Member> bucket, String storyId, StoryGist gist, Instant published) {
    Match best = null;
    for (Member member : bucket) {
      if (member.storyId().equals(storyId)) {
        break;
      }
      double score =
          withinWindow(published, member.published()) ? sameStoryScore(gist, member.gist()) : -1;
      if (score < 0
          && best == null
          && isSameDevelopment(gist, published, member.gist(), member.published())) {
        score = DEVELOPMENT_SCORE;
      }
      if (score >= 0 && (best == null || score > best.score())) {
        best = new Match(member.storyId(), member.clusterId(), score);
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Returns true when two gists with this similarity describe the same real-world story: similar
   * enough, sharing enough weight, not giving different figures; two reports that share no figure
   * at all must be more alike (two stories of combat near Kursk share every name and word class),
   * unless one's distinctive evidence lies mostly within the other's, as for one development.
   */
  public boolean isSameStory(StoryGist a, StoryGist b, double score) {
    long shared = StoryGist.shared(a, b);
    int sharedNumbers = StoryGist.Shared.numbers(shared);
    return !differentFigures(a, b, sharedNumbers) && isSameStory(a, b, score, shared);
  }

  /**
   * Returns the similarity of two gists when they describe the same story, else -1: {@link
   * #isSameStory} counting each overlap once, and none when the figures already differ. It runs for
   * every member of every bucket a story probes.
   */
  private double sameStoryScore(StoryGist a, StoryGist b) {
    // The similarity is at most the lighter gist's weight over the heavier's: the pair is
    // judged only when that bound reaches the lower of the two thresholds.
    int lighter = Math.min(a.totalWeight(), b.totalWeight());
    int heavier = Math.max(a.totalWeight(), b.totalWeight());
    if (heavier == 0 || (double) lighter / heavier < minThreshold) {
      return -1;
    }
    long shared = StoryGist.shared(a, b);
    int sharedNumbers = StoryGist.Shared.numbers(shared);
    if (differentFigures(a, b, sharedNumbers)) {
      return -1;
    }
    double score = StoryGist.similarity(a, b, StoryGist.Shared.weight(shared));
    return isSameStory(a, b, score, shared) ? score : -1;
  }

  /**
   * Returns true when two reports tell of the same development: published at most {@code
   * developmentWindow} apart (both times known), giving no disagreeing figures, reporting an event
   * type of the watch in common (the type implies the actors: troops of the DPRK fighting for
   * Russia, shells from the DPRK to Russia), and either
   *
   * <ul>
   *   <li>naming a place in common and sharing two event types, and either a figure or {@code
   *       PLACE_SHARE} of the lesser report's development evidence: reports of 10,000 troops
   *       deployed near Kursk from one week are one development, whoever reports it in whatever
   *       words, however much else one of them tells; or
   *   <li>sharing a quantity, a place, a name or a concept, and development evidence ({@link
   *       StoryGist#developmentWeight}: what sets one act apart from another of the same days, not
   *       the states or the heads of the watched states) of at least {@code
   *       developmentMinSharedWeight} and {@code developmentThreshold} of the lesser report's: a
   *       headline that tells part of what a longer report tells, in any language.
   * </ul>
   */
  public boolean isSameDevelopment(
      StoryGist a, Instant publishedA, StoryGist b, Instant publishedB) {
    if (publishedA == null
        || publishedB == null
        || Math.abs(publishedA.toEpochMilli() - publishedB.toEpochMilli())
            > developmentWindowMillis) {
      return false;
    }
    long shared = StoryGist.shared(a, b);
    int events = StoryGist.Shared.events(shared);
    if (differentFigures(a, b, StoryGist.Shared.numbers(shared)) || events == 0) {
      return false;
    }
    int evidence = StoryGist.Shared.developmentWeight(shared);
    if (StoryGist.Shared.place(shared) && events >= 2) {
      return StoryGist.Shared.numbers(shared) > 0
          || evidence
              >= PLACE_SHARE * Math.min(a.developmentWeight(), b.developmentWeight()) - 1e-9;
    }
    // A long report (a live blog, a round-up) holds most of what many short ones say: it must
    // share a part of its own evidence too, or it would join them all.
    return StoryGist.Shared.distinctiveBesidesEvents(shared)
        && tellsMostOfTheOther(a, b, shared)
        && evidence
            >= GREATER_SHARE * Math.max(a.developmentWeight(), b.developmentWeight()) - 1e-9;
  }

  // The share of the lesser report's development evidence that a place and two event types must
  // be, and the share of the greater report's that a join by what two reports share must be.
  private static final double PLACE_SHARE = 0.4;
  private static final double GREATER_SHARE = 0.3;

  private static boolean differentFigures(StoryGist a, StoryGist b, int sharedNumbers) {
    return sharedNumbers == 0 && a.hasNumbers() && b.hasNumbers();
  }

  private boolean isSameStory(StoryGist a, StoryGist b, double score, long sharedFeatures) {
    int shared = StoryGist.Shared.weight(sharedFeatures);
    if (StoryGist.Shared.numbers(sharedFeatures) > 0) {
      return score >= settings.gistThreshold() && shared >= settings.gistMinSharedWeight();
    }
    return score >= settings.gistThresholdWithoutFigures()
            && shared >= settings.gistMinSharedWeightWithoutFigures()
        || score >= settings.gistThreshold() && tellsMostOfTheOther(a, b, sharedFeatures);
  }

  // A report whose distinctive evidence (StoryGist#developmentWeight: not the states, the heads of
  // the watched states, generic terms or context signals) lies mostly within another's tells part
  // of what the other tells: a headline and a lede, or a translation that names fewer sources.
  // The least evidence and share are those of a development (isSameDevelopment), and the whole
  // gists must be as alike as reports with a shared figure: a state one report names as who says it
  // ("Seoul says") and the other leaves out still counts against the similarity, not the evidence.
  private boolean tellsMostOfTheOther(StoryGist a, StoryGist b, long sharedFeatures) {
    int evidence = StoryGist.Shared.developmentWeight(sharedFeatures);
    int lesser = Math.min(a.developmentWeight(), b.developmentWeight());
    return evidence >= settings.developmentMinSharedWeight()
        && evidence >= settings.developmentThreshold() * lesser - 1e-9;
  }

  // Reports of one story appear within days of each other; unknown times do not rule a pair out.
  private boolean withinWindow(Instant a, Instant b) {
    return a == null || b == null || Math.abs(a.toEpochMilli() - b.toEpochMilli()) <= windowMillis;
  }
}
