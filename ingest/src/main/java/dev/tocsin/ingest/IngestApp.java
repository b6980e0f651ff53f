package dev.tocsin.ingest;

import dev.tocsin.ingest.feed.FeedFetcher;
import dev.tocsin.ingest.feed.FeedParser;
import dev.tocsin.ingest.poll.FeedPoller;
import dev.tocsin.ingest.poll.IngestRunner;
import dev.tocsin.ingest.publish.IngestStateReader;
import dev.tocsin.ingest.publish.StoryPublisher;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.platform.kafka.TopicProvisioner;
import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.FeedState;
import dev.tocsin.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Wires the ingest service: topics, restored state, publisher, poller, schedule. */
public final class IngestApp {

  private IngestApp() {}

  /**
   * Creates the topics ingest needs, rebuilds its state from the state topic and starts polling
   * {@code feeds}; closing the returned handle stops polling and the producer.
   */
  public static AutoCloseable start(
      KafkaSettings kafka, List<Feed> feeds, String instanceId, Clock clock) {
    Topics topics = Topics.withPrefix(kafka.topicPrefix());
    TopicProvisioner.ensure(
        kafka.clientConfig(),
        List.of(topics.storiesRaw(), topics.ingestState(), topics.feedStatus(), topics.feeds()),
        kafka.replicationFactor());
    Map<String, FeedState> states =
        IngestStateReader.read(kafka.clientConfig(), topics.ingestState(), Duration.ofSeconds(60));
    StoryPublisher publisher =
        new StoryPublisher(
            kafka.clientConfig(), topics, kafka.topicPrefix() + "ingest-" + instanceId);
    FeedPoller poller = new FeedPoller(FeedFetcher.defaults(), new FeedParser(), publisher, clock);
    IngestRunner runner = new IngestRunner(poller, feeds, states, clock);
    runner.start();
    return () -> {
      runner.close();
      publisher.close();
    };
  }
}
