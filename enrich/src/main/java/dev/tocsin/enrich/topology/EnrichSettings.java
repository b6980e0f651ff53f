package dev.tocsin.enrich.topology;

import dev.tocsin.enrich.dedup.DedupSettings;
import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.platform.config.Setting;
import dev.tocsin.platform.config.Setting.Type;
import dev.tocsin.platform.config.SettingValues;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

  /** The settings of enrich, in the order of the documentation's table. */
  public static final List<Setting> DEFINED =
      List.of(
          Setting.of(
              "TOCSIN_ENRICH_DEDUP_RETENTION",
              "48h",
              null,
              "how long enrich's index remembers stories (ids, fingerprints, gists, clusters):"
                  + " older copies count as new stories; the index's heap grows with the stories"
                  + " in this window (about 2 KB a story, see docs/performance.md)",
              Type.DURATION),
          Setting.of(
              "TOCSIN_ENRICH_STANDBY_REPLICAS",
              "0",
              null,
              "Kafka Streams standby replicas of enrich's state stores: with 1, a second instance"
                  + " keeps a warm copy and takes over without replaying the changelogs; a positive"
                  + " value wins over `TOCSIN_KAFKA_CLIENT_NUM_STANDBY_REPLICAS`",
              Type.oneOf("0", "1", "2", "3")),
          Setting.of(
              "TOCSIN_ENRICH_INDEX_PARTITIONS",
              "1",
              null,
              "partitions of enrich's index topic; each watch's stories are judged by one index"
                  + " task, so more than one pays only with several watches (shard by watch)",
              Type.POSITIVE_NUMBER),
          Setting.of(
              "TOCSIN_ENRICH_CLUSTER_MEMBERS",
              "100",
              null,
              "members a cluster record lists; past them it keeps counts, outlets, languages and"
                  + " independent sources only, so a busy story's record stays small",
              Type.POSITIVE_NUMBER));

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

  /**
   * Reads {@code TOCSIN_ENRICH_*} from the configuration in force (keyed by environment variable)
   * over {@link #defaults()}; fails naming the variable and its bad value.
   */
  public static EnrichSettings fromEnvironment(Map<String, String> env) {
    EnrichSettings d = defaults();
    SettingValues values = new SettingValues(DEFINED, env);
    Duration retention = values.duration("TOCSIN_ENRICH_DEDUP_RETENTION", d.dedupRetention());
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException(
          "TOCSIN_ENRICH_DEDUP_RETENTION must be positive: '" + retention + "'");
    }
    int standbys = values.integer("TOCSIN_ENRICH_STANDBY_REPLICAS", d.standbyReplicas());
    if (standbys < 0) {
      throw new IllegalArgumentException(
          "TOCSIN_ENRICH_STANDBY_REPLICAS must not be negative: '" + standbys + "'");
    }
    int partitions = values.integer("TOCSIN_ENRICH_INDEX_PARTITIONS", d.indexPartitions());
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "TOCSIN_ENRICH_INDEX_PARTITIONS must be positive: '" + partitions + "'");
    }
    int members = values.integer("TOCSIN_ENRICH_CLUSTER_MEMBERS", d.clusterMembers());
    if (members < 1) {
      throw new IllegalArgumentException(
          "TOCSIN_ENRICH_CLUSTER_MEMBERS must be positive: '" + members + "'");
    }
    return d.withDedupRetention(retention)
        .withStandbyReplicas(standbys)
        .withIndexPartitions(partitions)
        .withClusterMembers(members);
  }
}
