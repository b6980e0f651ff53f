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
 * @param indexPartitions partitions of the index topic: each watch's stories go to one of them, so
 *     more than one pays only with several watches
 * @param clusterMembers members a cluster record lists; past them it keeps counts and sources only
 */
public record EnrichSettings(
    WatchProfile profile,
    DedupSettings dedup,
    Duration dedupRetention,
    int standbyReplicas,
    int indexPartitions,
    int clusterMembers) {

  /** The default of {@link #dedupRetention}. */
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(48);

  /** The default of {@link #clusterMembers}. */
  public static final int DEFAULT_CLUSTER_MEMBERS = 100;

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
    if (indexPartitions < 1) {
      throw new IllegalArgumentException("indexPartitions must be positive: " + indexPartitions);
    }
    if (clusterMembers < 1) {
      throw new IllegalArgumentException("clusterMembers must be positive: " + clusterMembers);
    }
  }

  /**
   * Returns the defaults: the russia-dprk profile, the calibrated {@link DedupSettings#defaults()},
   * a retention of 48 hours, no standby replicas, one index partition and {@value
   * #DEFAULT_CLUSTER_MEMBERS} members listed per cluster.
   */
  public static EnrichSettings defaults() {
    return new EnrichSettings(
        WatchProfile.russiaDprk(),
        DedupSettings.defaults(),
        DEFAULT_RETENTION,
        0,
        1,
        DEFAULT_CLUSTER_MEMBERS);
  }

  /** Returns these settings with another retention. */
  public EnrichSettings withDedupRetention(Duration retention) {
    return new EnrichSettings(
        profile, dedup, retention, standbyReplicas, indexPartitions, clusterMembers);
  }

  /** Returns these settings with another number of standby replicas. */
  public EnrichSettings withStandbyReplicas(int replicas) {
    return new EnrichSettings(
        profile, dedup, dedupRetention, replicas, indexPartitions, clusterMembers);
  }

  /** Returns these settings with another number of index partitions. */
  public EnrichSettings withIndexPartitions(int partitions) {
    return new EnrichSettings(
        profile, dedup, dedupRetention, standbyReplicas, partitions, clusterMembers);
  }

  /** Returns these settings with another cap on the members a cluster lists. */
  public EnrichSettings withClusterMembers(int members) {
    return new EnrichSettings(
        profile, dedup, dedupRetention, standbyReplicas, indexPartitions, members);
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
