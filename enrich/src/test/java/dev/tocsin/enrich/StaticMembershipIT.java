package dev.tocsin.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.enrich.topology.EnrichSettings;
import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.platform.kafka.StreamsRunner;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two enrich instances with instance ids ({@code TOCSIN_INSTANCE_ID}) on the embedded broker. One
 * stops without leaving the group, as a killed one would leave it, and starts again with its id and
 * state directory: it takes its own tasks back, and the other instance never rebalances. Two live
 * instances with one id: the broker fences the older, which stops with a message naming the
 * setting.
 */
class StaticMembershipIT {

  private static final Duration DEADLINE = Duration.ofMinutes(3);

  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker =
        EmbeddedKafkaBroker.start(Path.of("target", "static-membership-it-" + System.nanoTime()));
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void shouldTakeItsTasksBackWithoutARebalanceWhenRestartedWithItsInstanceId() throws Exception {
    KafkaSettings kafka = settings("restart.");
    Topics topics = Topics.withPrefix(kafka.topicPrefix());
    EnrichSettings settings = EnrichSettings.defaults();
    Path state = Path.of("target", "static-membership-state-" + System.nanoTime());
    List<StreamsRunner> started = new ArrayList<>();
    try (KafkaProducer<String, RawStory> producer = producer(kafka, topics);
        KafkaConsumer<String, EnrichedStory> enriched = consumer(kafka, topics)) {
      StreamsRunner a = EnrichApp.start(kafka.withInstanceId("a"), settings, state.resolve("a"));
      started.add(a);
      StreamsRunner b = EnrichApp.start(kafka.withInstanceId("b"), settings, state.resolve("b"));
      started.add(b);
      int partitions = producer.partitionsFor(topics.storiesRaw().name()).size();
      Map<String, Integer> seen = new HashMap<>();
      await(
          () -> running(a) && running(b) && !a.activeTasks().isEmpty(),
          "both instances run, the first with tasks");
      sendAndAwait(producer, topics, enriched, seen, "before", partitions);
      await(() -> !b.activeTasks().isEmpty() && running(a), "the second instance has tasks");
      Set<String> tasksOfA = a.activeTasks();
      Set<String> tasksOfB = b.activeTasks();
      int rebalancesOfB = b.rebalances();
      assertThat(members(kafka, topics)).containsExactlyInAnyOrder("a-enrich-1", "b-enrich-1");

      a.close();
      // Stories published while the instance is down wait on its partitions.
      send(producer, topics, "while-down", partitions);
      StreamsRunner restarted =
          EnrichApp.start(kafka.withInstanceId("a"), settings, state.resolve("a"));
      started.add(restarted);
      await(() -> running(restarted), "the restarted instance runs");
      sendAndAwait(producer, topics, enriched, seen, "after", partitions);
      await(
          () -> {
            poll(enriched, seen);
            return seen.keySet().stream().filter(k -> k.startsWith("while-down")).count()
                == partitions;
          },
          "the stories held while the instance was down are enriched");

      assertThat(restarted.activeTasks()).as("its own tasks, back").isEqualTo(tasksOfA);
      assertThat(b.activeTasks()).as("the other instance's tasks").isEqualTo(tasksOfB);
      assertThat(b.rebalances()).as("rebalances of the other instance").isEqualTo(rebalancesOfB);
      assertThat(b.state()).isEqualTo(KafkaStreams.State.RUNNING);
      assertThat(members(kafka, topics)).containsExactlyInAnyOrder("a-enrich-1", "b-enrich-1");
      assertThat(seen).as("every story enriched once").allSatisfy((id, n) -> assertThat(n).isOne());
      assertThat(seen).hasSize(3 * partitions);
    } finally {
      started.forEach(StreamsRunner::close);
    }
  }

  @Test
  void shouldStopTheOlderInstanceWithAMessageNamingTheSettingWhenTwoShareAnInstanceId()
      throws Exception {
    KafkaSettings kafka = settings("fence.").withInstanceId("shared");
    EnrichSettings settings = EnrichSettings.defaults();
    Path state = Path.of("target", "static-membership-fence-" + System.nanoTime());
    StreamsRunner first = EnrichApp.start(kafka, settings, state.resolve("first"));
    StreamsRunner second = null;
    try {
      await(() -> running(first), "the first instance runs");
      second = EnrichApp.start(kafka, settings, state.resolve("second"));
      StreamsRunner newer = second;
      await(() -> first.fenced() != null, "the broker fences the first instance");
      await(
          () -> first.state() == KafkaStreams.State.ERROR && running(newer),
          "the first instance stops and the second runs");

      assertThat(first.fenced())
          .contains("fence.enrich")
          .contains("shared-enrich-1")
          .contains("TOCSIN_INSTANCE_ID");
      assertThat(first.readiness().problem()).isEqualTo(first.fenced());
      assertThat(newer.fenced()).isNull();
      assertThat(newer.readiness().problem()).isNull();
    } finally {
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }

  private static KafkaSettings settings(String prefix) {
    return new KafkaSettings(broker.bootstrapServers(), prefix, (short) 1, Map.of());
  }

  private static boolean running(StreamsRunner runner) {
    return runner.state() == KafkaStreams.State.RUNNING;
  }

  private static Set<String> members(KafkaSettings kafka, Topics topics) throws Exception {
    String group = kafka.topicPrefix() + EnrichApp.APPLICATION_ID;
    try (Admin admin = Admin.create(kafka.clientConfig())) {
      Set<String> members = new TreeSet<>();
      for (MemberDescription m :
          admin.describeConsumerGroups(List.of(group)).all().get().get(group).members()) {
        members.add(m.groupInstanceId().orElse("dynamic " + m.consumerId()));
      }
      return members;
    }
  }

  // One story on each partition of stories.raw, so that every analysis task has one to judge.
  private static void send(
      KafkaProducer<String, RawStory> producer, Topics topics, String wave, int partitions) {
    for (int p = 0; p < partitions; p++) {
      String id = wave + "-" + p;
      producer.send(
          new ProducerRecord<>(topics.storiesRaw().name(), p, id, story(id, wave, p)),
          (metadata, error) -> {
            if (error != null) {
              throw new IllegalStateException("Cannot send " + id, error);
            }
          });
    }
    producer.flush();
  }

  private static void sendAndAwait(
      KafkaProducer<String, RawStory> producer,
      Topics topics,
      KafkaConsumer<String, EnrichedStory> enriched,
      Map<String, Integer> seen,
      String wave,
      int partitions)
      throws InterruptedException {
    send(producer, topics, wave, partitions);
    await(
        () -> {
          poll(enriched, seen);
          return seen.keySet().stream().filter(k -> k.startsWith(wave + "-")).count() == partitions;
        },
        "the stories of wave '" + wave + "' are enriched");
  }

  private static RawStory story(String id, String wave, int partition) {
    String body =
        "Harbour workers in the port town counted "
            + (partition + 3)
            + " cargo ships on the "
            + wave
            + " shift, and the customs office published its weekly tally of grain and timber.";
    return RawStory.newBuilder()
        .setId(id)
        .setFeedUrl("https://port-" + partition + ".example/feed")
        .setFeedName("Port " + partition)
        .setOutlet("Port " + partition)
        .setTitle("Port traffic report " + id)
        .setBody(body)
        .setFetchedAt(Instant.parse("2026-12-01T00:00:00Z"))
        .setContentHash(Integer.toHexString((id + body).hashCode()))
        .build();
  }

  private static KafkaProducer<String, RawStory> producer(KafkaSettings kafka, Topics topics) {
    Map<String, Object> config = kafka.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    // The instances create the topics; the producer waits for them.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000);
    return new KafkaProducer<>(
        config, new StringSerializer(), topics.storiesRaw().valueSerde().serializer());
  }

  private static KafkaConsumer<String, EnrichedStory> consumer(KafkaSettings kafka, Topics topics) {
    Map<String, Object> config = kafka.clientConfig();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "static-membership-it-" + System.nanoTime());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, EnrichedStory> consumer =
        new KafkaConsumer<>(
            config, new StringDeserializer(), topics.storiesEnriched().valueSerde().deserializer());
    consumer.subscribe(List.of(topics.storiesEnriched().name()));
    return consumer;
  }

  private static void poll(
      KafkaConsumer<String, EnrichedStory> consumer, Map<String, Integer> seen) {
    for (ConsumerRecord<String, EnrichedStory> r : consumer.poll(Duration.ofMillis(200))) {
      seen.merge(r.key(), 1, Integer::sum);
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Await.until(condition, what, DEADLINE);
  }
}
