package dev.tocsin.enrich.topology;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Routes the keys of enrich's indexes (LSH band buckets, gist buckets) to the partitions of their
 * repartition topics, so that a story sends one probe per partition holding its keys there, not one
 * per key: eighteen band keys over six partitions travel as about six records.
 *
 * <p>The probe's record key is the first of its keys; every other key in it belongs to the same
 * partition, so a key's bucket always lives on one partition whichever story probes it. That holds
 * only while the topic has the number of partitions the keys were grouped for, which the
 * repartition topic is created with and which {@link #partitions} checks on every record.
 */
final class KeyRouting {

  private final int partitions;

  KeyRouting(int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be positive: " + partitions);
    }
    this.partitions = partitions;
  }

  /** Returns the partition owning {@code key}: the producer's default partitioning of it. */
  int partitionOf(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** Groups keys by partition, each group in the keys' order, groups in order of first key. */
  List<List<String>> group(List<String> keys) {
    Map<Integer, List<String>> groups = new LinkedHashMap<>();
    for (String key : keys) {
      groups.computeIfAbsent(partitionOf(key), p -> new ArrayList<>()).add(key);
    }
    return List.copyOf(groups.values());
  }

  /** Returns the repartitioning of probes keyed by their first key, with this routing. */
  <V> Repartitioned<String, V> repartitioned(String name, Serde<V> values) {
    return Repartitioned.with(Serdes.String(), values)
        .withName(name)
        .withNumberOfPartitions(partitions)
        .withStreamPartitioner(new Partitioner<>());
  }

  private Optional<Set<Integer>> route(String topic, String key, int count) {
    // The test driver runs every topic as one partition; nothing is routed there.
    if (count != partitions && count != 1) {
      throw new IllegalStateException(
          topic + " has " + count + " partitions; its keys were grouped for " + partitions);
    }
    return Optional.of(Set.of(count == 1 ? 0 : partitionOf(key)));
  }

  /** Sends a probe to the partition of its first key. */
  private final class Partitioner<V> implements StreamPartitioner<String, V> {

    @Override
    public Optional<Set<Integer>> partitions(
        String topic, String key, V value, Headers headers, int count) {
      return route(topic, key, count);
    }

    // Still abstract in Kafka 4; the variant with headers above is the one Streams calls.
    @Override
    @SuppressWarnings("removal")
    public Optional<Set<Integer>> partitions(String topic, String key, V value, int count) {
      return route(topic, key, count);
    }
  }
}
