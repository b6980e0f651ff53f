package dev.tocsin.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class KeyRoutingTest {

  private final KeyRouting routing = new KeyRouting(6);

  @Test
  void shouldGroupKeysByThePartitionTheProducerWouldSendEachTo() {
    List<String> keys = IntStream.range(0, 18).mapToObj(i -> "b" + i + ":" + (i * 7919)).toList();

    List<List<String>> groups = routing.group(keys);

    List<String> regrouped = new ArrayList<>();
    for (List<String> group : groups) {
      int partition = producerPartition(group.get(0));
      assertThat(group)
          .as("every key of a group belongs where its first key routes it")
          .allMatch(k -> producerPartition(k) == partition);
      regrouped.addAll(group);
    }
    assertThat(groups).hasSizeBetween(2, 6);
    assertThat(groups.stream().map(g -> producerPartition(g.get(0))).distinct())
        .as("one group per partition")
        .hasSameSizeAs(groups);
    assertThat(regrouped).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(groups.get(0).get(0)).as("the first key leads the first group").isEqualTo("b0:0");
  }

  private static int producerPartition(String key) {
    return BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 6);
  }
}
