package dev.tocsin.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.schemas.InternalSerdes;
import dev.tocsin.schemas.internal.GistMember;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bucket index on a real (RocksDB) store in the topology test driver, with a cache so small
 * that buckets are read back from the store between operations.
 */
class BucketIndexTest {

  private static final String STORE = "index";

  private TopologyTestDriver driver;
  private final List<String> out = new java.util.ArrayList<>();

  /** Applies "op,bucket,story,arg" commands to an index of at most 3 members, 2 cached. */
  private final class Commands implements Processor<String, String, Void, Void> {
    private BucketIndex<GistMember, GistMember> index;
    private KeyValueStore<String, GistMember> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(STORE);
      open();
    }

    // As Kafka Streams' re-initialisation of a task does: a new index over the same store.
    private void open() {
      index =
          new BucketIndex<>(
              store,
              new BucketIndex.Codec<>(
                  m -> m, m -> m, GistMember::getStoryId, GistMember::getSeenAt),
              3,
              2);
    }

    @Override
    public void process(Record<String, String> record) {
      String[] c = record.value().split(",");
      switch (c[0]) {
        case "add" ->
            out.add(
                String.valueOf(
                    index.add(
                        c[1],
                        new GistMember(
                            c[2],
                            "cl-" + c[2],
                            List.of(),
                            null,
                            Instant.ofEpochSecond(Long.parseLong(c[3]))))));
        case "update" -> index.update(c[1], c[2], m -> withCluster(m, c[3]));
        case "expire" -> index.expire(Instant.ofEpochSecond(Long.parseLong(c[1])));
        case "reopen" -> open();
        default ->
            out.add(
                String.join(
                    " ",
                    index.members(c[1]).stream()
                        .map(m -> m.getStoryId() + "@" + m.getClusterId())
                        .toList()));
      }
    }
  }

  @BeforeEach
  void start() throws java.io.IOException {
    Topology topology = new Topology();
    topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), "in");
    topology.addProcessor("commands", Commands::new, "in");
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STORE), Serdes.String(), InternalSerdes.gistMember()),
        "commands");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bucket-index-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        java.nio.file.Files.createTempDirectory(Path.of("target"), "bucket-index").toString());
    driver = new TopologyTestDriver(topology, props);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private String run(String... commands) {
    var in =
        driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
    out.clear();
    for (String command : commands) {
      in.pipeInput("k", command);
    }
    return String.join(" | ", out);
  }

  private static GistMember withCluster(GistMember m, String clusterId) {
    return GistMember.newBuilder(m).setClusterId(clusterId).build();
  }

  @Test
  void shouldKeepEntryOrderAndTheNewestMembersWhenBucketsAreReadBackFromTheStore() {
    assertThat(
            run(
                "add,g:1,a,10",
                "add,g:10,x,10",
                "add,g:1,b,11",
                "add,g:2,y,10",
                "add,g:1,a,12",
                "add,g:1,c,12",
                "add,g:3,z,10",
                "add,g:1,d,13",
                "add,g:4,w,10",
                "list,g:1",
                "list,g:10"))
        .as("a story enters once; the oldest leave past 3; 'g:1' does not see 'g:10'")
        .isEqualTo(
            "true | true | true | true | false | true | true | true | true | b@cl-b c@cl-c d@cl-d | x@cl-x");
    try (KeyValueIterator<String, GistMember> all =
        driver.<String, GistMember>getKeyValueStore(STORE).all()) {
      List<String> keys = new java.util.ArrayList<>();
      all.forEachRemaining((KeyValue<String, GistMember> e) -> keys.add(e.key.replace('\0', '/')));
      assertThat(keys)
          .as("one record per member; the dropped member's record is gone")
          .containsExactly(
              "g:1/0000000000000001",
              "g:1/0000000000000002",
              "g:1/0000000000000003",
              "g:10/0000000000000000",
              "g:2/0000000000000000",
              "g:3/0000000000000000",
              "g:4/0000000000000000");
    }
  }

  @Test
  void shouldUpdateAMemberInPlaceAndExpireByEntryTime() {
    assertThat(
            run(
                "add,g:1,a,10",
                "add,g:1,b,20",
                "add,g:2,c,15",
                "update,g:1,a,cl-joined",
                "add,g:3,d,30",
                "list,g:1",
                "expire,16",
                "list,g:1",
                "list,g:2",
                "add,g:1,e,40",
                "list,g:1"))
        .isEqualTo(
            "true | true | true | true | a@cl-joined b@cl-b | b@cl-b |  | true | b@cl-b e@cl-e");
  }

  @Test
  void shouldFindTheBucketsOfTheStoreAfterTheIndexIsCreatedAgain() {
    // The new index's filter is built from the store: the buckets written before are found, the
    // members expired before are not, and new buckets are added to it.
    assertThat(
            run(
                "add,b0:aa,a,10",
                "add,b1:bb,b,10",
                "add,b2:cc,c,20",
                "expire,15",
                "reopen",
                "list,b0:aa",
                "list,b1:bb",
                "list,b2:cc",
                "list,b3:dd",
                "add,b3:dd,d,30",
                "reopen",
                "list,b3:dd"))
        .isEqualTo("true | true | true |  |  | c@cl-c |  | true | d@cl-d");
  }
}
