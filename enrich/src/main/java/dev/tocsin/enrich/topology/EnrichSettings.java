package dev.tocsin.enrich.topology;

import dev.tocsin.enrich.dedup.DedupSettings;
import dev.tocsin.enrich.profile.WatchProfile;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the enrichment topology and its Streams application.
 *
 * @param profile the watch profile stories are judged against
 * @param dedup the thresholds of de-duplication and cluster joining, shared with the offline tools
 * @param dedupRetention how long story ids, fingerprints and gists are kept for matching
 * @param standbyReplicas Kafka Streams standby replicas of each state store
 * @param indexCache decoded members each task keeps in memory per index (LSH bands, gists)
 */
public record EnrichSettings(
    WatchProfile profile,
    DedupSettings dedup,
    Duration dedupRetention,
    int standbyReplicas,
    int indexCache) {

  /** The default of {@link #indexCache}. */
  public static final int DEFAULT_INDEX_CACHE = 16_384;

  /** Seed of the MinHash permutations; changing it invalidates every stored fingerprint. */
  public static final long MINHASH_SEED = DedupSettings.MINHASH_SEED;

  /** Validates the settings. */
  public EnrichSettings {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(dedup, "dedup");
    Objects.requireNonNull(dedupRetention, "dedupRetention");
    if (dedupRetention.isNegative() || dedupRetention.isZero()) {
      throw new IllegalArgumentException("dedupRetention must be positive: " + dedupRetention);
    }
    if (standbyReplicas < 0) {
      throw new IllegalArgumentException(
          "standbyReplicas must not be negative: " + standbyReplicas);
    }
    if (indexCache < 1) {
      throw new IllegalArgumentException("indexCache must be positive: " + indexCache);
    }
  }

  /**
   * Returns the defaults: the russia-dprk profile, the calibrated {@link DedupSettings#defaults()},
   * a retention of 7 days, no standby replicas and an index cache of {@value #DEFAULT_INDEX_CACHE}
   * members.
   */
  public static EnrichSettings defaults() {
    return new EnrichSettings(
        WatchProfile.russiaDprk(),
        DedupSettings.defaults(),
        Duration.ofDays(7),
        0,
        DEFAULT_INDEX_CACHE);
  }

  /** Returns these settings with another retention. */
  public EnrichSettings withDedupRetention(Duration retention) {
    return new EnrichSettings(profile, dedup, retention, standbyReplicas, indexCache);
  }

  /** Returns these settings with another number of standby replicas. */
  public EnrichSettings withStandbyReplicas(int replicas) {
    return new EnrichSettings(profile, dedup, dedupRetention, replicas, indexCache);
  }

  /** Returns these settings with another index cache size. */
  public EnrichSettings withIndexCache(int members) {
    return new EnrichSettings(profile, dedup, dedupRetention, standbyReplicas, members);
  }

  /** Returns the estimated Jaccard similarity at or above which a story is a copy. */
  public double duplicateThreshold() {
    return dedup.nearDuplicateThreshold();
  }

  /** Returns the MinHash signature length. */
  public int minHashes() {
    return dedup.minHashes();
  }

  /** Returns the number of LSH bands. */
  public int bands() {
    return dedup.bands();
  }
}
