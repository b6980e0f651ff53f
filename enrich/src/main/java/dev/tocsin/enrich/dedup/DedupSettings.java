package dev.tocsin.enrich.dedup;

import java.time.Duration;
import java.util.Objects;

/**
 * Thresholds of de-duplication, calibrated on the evaluation set (see {@code enrich/README.md}).
 *
 * @param minHashes MinHash signature length
 * @param bands LSH bands; {@code minHashes} must be a multiple of it
 * @param seed seed of the MinHash permutations
 * @param nearDuplicateThreshold estimated Jaccard similarity of word 3-shingles at or above which a
 *     story is a near-duplicate
 * @param gistThreshold gist similarity at or above which a story is a translated or rewritten copy
 * @param gistMinSharedWeight weight of the gist features (see {@link StoryGist#weight}) a report
 *     must share with the story
 * @param gistThresholdWithoutFigures the gist threshold when two reports share no quantity
 * @param gistMinSharedWeightWithoutFigures the shared weight needed when they share no quantity
 * @param clusterWindow how far apart in publication time two reports of one story may be
 * @param developmentWindow how far apart in publication time two reports of one development (the
 *     same event at the same place, reported in other words) may be; reports whose publication time
 *     is unknown never join by development
 * @param developmentMinSharedWeight the development evidence ({@link StoryGist#developmentWeight})
 *     two reports must share to be joined as one development by what they share rather than by
 *     their place
 * @param developmentThreshold the share of the lesser of the two reports' development evidence that
 *     they must have in common then
 */
public record DedupSettings(
    int minHashes,
    int bands,
    long seed,
    double nearDuplicateThreshold,
    double gistThreshold,
    int gistMinSharedWeight,
    double gistThresholdWithoutFigures,
    int gistMinSharedWeightWithoutFigures,
    Duration clusterWindow,
    Duration developmentWindow,
    int developmentMinSharedWeight,
    double developmentThreshold) {

  /** Seed of the MinHash permutations; changing it invalidates every stored fingerprint. */
  public static final long MINHASH_SEED = 0x70C5_1A11_2024_0001L;

  /** Validates the settings. */
  public DedupSettings {
    if (bands < 1 || minHashes % bands != 0) {
      throw new IllegalArgumentException(
          "minHashes (" + minHashes + ") must be a positive multiple of bands (" + bands + ")");
    }
    if (nearDuplicateThreshold <= 0 || nearDuplicateThreshold > 1) {
      throw new IllegalArgumentException(
          "nearDuplicateThreshold must be in (0, 1]: " + nearDuplicateThreshold);
    }
    Objects.requireNonNull(clusterWindow, "clusterWindow");
    Objects.requireNonNull(developmentWindow, "developmentWindow");
    if (developmentThreshold <= 0 || developmentThreshold > 1) {
      throw new IllegalArgumentException(
          "developmentThreshold must be in (0, 1]: " + developmentThreshold);
    }
    if (gistThreshold <= 0 || gistThreshold > 1) {
      throw new IllegalArgumentException("gistThreshold must be in (0, 1]: " + gistThreshold);
    }
    if (gistThresholdWithoutFigures < gistThreshold || gistThresholdWithoutFigures > 1) {
      throw new IllegalArgumentException(
          "gistThresholdWithoutFigures must be in [gistThreshold, 1]: "
              + gistThresholdWithoutFigures);
    }
  }

  /** Returns the calibrated defaults. */
  public static DedupSettings defaults() {
    return new DedupSettings(
        128, 32, MINHASH_SEED, 0.5, 0.5, 6, 0.7, 7, Duration.ofDays(2), Duration.ofDays(3), 8, 0.6);
  }
}
