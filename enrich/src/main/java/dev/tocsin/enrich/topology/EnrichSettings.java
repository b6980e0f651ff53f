package dev.tocsin.enrich.topology;

import dev.tocsin.enrich.dedup.DedupSettings;
import dev.tocsin.enrich.profile.WatchProfile;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the enrichment topology.
 *
 * @param profile the watch profile stories are judged against
 * @param duplicateThreshold estimated Jaccard similarity at or above which a story is a copy
 * @param minHashes MinHash signature length
 * @param bands LSH bands; {@code minHashes} must be a multiple of it
 * @param dedupRetention how long fingerprints are kept for matching
 */
public record EnrichSettings(
    WatchProfile profile,
    double duplicateThreshold,
    int minHashes,
    int bands,
    Duration dedupRetention) {

  /** Seed of the MinHash permutations; changing it invalidates every stored fingerprint. */
  public static final long MINHASH_SEED = DedupSettings.MINHASH_SEED;

  /** Validates the settings. */
  public EnrichSettings {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(dedupRetention, "dedupRetention");
    if (duplicateThreshold <= 0 || duplicateThreshold > 1) {
      throw new IllegalArgumentException(
          "duplicateThreshold must be in (0, 1]: " + duplicateThreshold);
    }
    if (bands < 1 || minHashes % bands != 0) {
      throw new IllegalArgumentException(
          "minHashes (" + minHashes + ") must be a positive multiple of bands (" + bands + ")");
    }
  }

  /**
   * Returns the defaults: the russia-dprk profile, 128 hashes in 32 bands, threshold 0.6, 7 days.
   */
  public static EnrichSettings defaults() {
    DedupSettings dedup = DedupSettings.defaults();
    return new EnrichSettings(
        WatchProfile.russiaDprk(),
        dedup.nearDuplicateThreshold(),
        dedup.minHashes(),
        dedup.bands(),
        Duration.ofDays(7));
  }
}
