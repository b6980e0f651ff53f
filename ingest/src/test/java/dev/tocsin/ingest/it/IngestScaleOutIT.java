package dev.tocsin.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.ingest.IngestApp;
import dev.tocsin.ingest.IngestSettings;
import dev.tocsin.ingest.poll.PollPolicy;
import dev.tocsin.ingest.registry.FeedRegistry;
import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two ingest instances split the registry's feeds through the consumer group; when one stops the
 * other takes its feeds over from their stored state, and registry changes apply without restarts.
 */
class IngestScaleOutIT {

  private static final int FEEDS = 12;

  private static EmbeddedKafkaBroker broker;
  private static KafkaSettings kafka;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start(Path.of("target", "scale-out-it-" + System.nanoTime()));
    kafka = KafkaSettings.local(broker.bootstrapServers());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  static IngestSettings fastSettings() {
    return IngestSettings.defaults()
        .withPolicy(
            new PollPolicy(
                Duration.ofMillis(200),
                Duration.ofMillis(500),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5)))
        .withAllowedAddresses(List.of("loopback"));
  }

  static List<Feed> feeds(ChangingFeedServer server, int from, int to) {
    return IntStream.range(from, to)
        .mapToObj(
            i ->
                Feed.newBuilder()
                    .setUrl(server.url(i))
                    .setName("Changing " + i)
                    .setOutlet("Outlet " + i)
                    .setLanguage("en")
                    .setPollIntervalSeconds(1)
                    .build())
        .toList();
  }

  @Test
  void shouldSplitFeedsTakeThemOverAndFollowRegistryChanges() throws Exception {
    Topics topics = Topics.withPrefix(kafka.topicPrefix());
    try (ChangingFeedServer server = ChangingFeedServer.start(Duration.ofMillis(700))) {
      IngestApp a =
          IngestApp.start(
              kafka, fastSettings(), feeds(server, 0, FEEDS), "scale-a", Clock.systemUTC());
      IngestApp b;
      try {
        b = IngestApp.start(kafka, fastSettings(), List.of(), "scale-b", Clock.systemUTC());
        try {
          await(
              "both instances own feeds, together all of them",
              () -> {
                Set<String> union = new HashSet<>(a.ownedFeeds());
                union.addAll(b.ownedFeeds());
                return union.size() == FEEDS
                    && !a.ownedFeeds().isEmpty()
                    && !b.ownedFeeds().isEmpty()
                    && a.ownedFeeds().stream().noneMatch(b.ownedFeeds()::contains);
              });
          System.out.printf(
              "Split: a polls %d feeds, b polls %d%n",
              a.ownedFeeds().size(), b.ownedFeeds().size());
          await(
              "both instances have polled",
              () -> a.completedPolls() > 10 && b.completedPolls() > 10);
        } catch (Throwable t) {
          b.close();
          throw t;
        }
      } finally {
        a.close();
      }
      try {
        await("b takes every feed over", () -> b.ownedFeeds().size() == FEEDS);

        FeedRegistry registry = new FeedRegistry(kafka.clientConfig(), topics);
        registry.put(feeds(server, FEEDS, FEEDS + 1));
        assertThat(registry.remove(server.url(0))).isTrue();
        await(
            "b follows the registry: feed 12 added, feed 0 removed",
            () ->
                b.ownedFeeds().contains(server.url(FEEDS))
                    && !b.ownedFeeds().contains(server.url(0)));
        Thread.sleep(2_000);
        int last = server.freeze();
        Map<String, String> expected = server.expectedItems(FEEDS + 1, last);
        // Feed 0 left the registry: its items after the removal need not be there.
        expected.keySet().removeIf(link -> link.contains("/feed-0/"));
        List<RawStory> stories =
            RawStories.readUntil(
                kafka,
                topics.storiesRaw(),
                s -> RawStories.problems(s, expected).isEmpty(),
                Duration.ofSeconds(60));

        List<String> problems = RawStories.problems(stories, expected);
        System.out.printf(
            "Scale-out: %d stories on the raw topic for %d items (%d revisions); problems: %s%n",
            stories.size(),
            expected.size(),
            stories.stream().filter(s -> s.getRevision() > 0).count(),
            problems.size() > 10 ? problems.subList(0, 10) : problems);
        assertThat(problems).isEmpty();
        assertThat(stories)
            .anyMatch(s -> s.getRevision() > 0 && s.getTitle().endsWith("(updated)"));
      } finally {
        b.close();
      }
    }
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting until " + what);
      }
      Thread.sleep(100);
    }
  }
}
