package dev.tocsin.ingest;

import dev.tocsin.ingest.feed.FeedFetcher;
import dev.tocsin.ingest.feed.FeedParser;
import dev.tocsin.ingest.poll.FeedPoller;
import dev.tocsin.ingest.poll.FeedScheduler;
import dev.tocsin.ingest.publish.StoryPublisher;
import dev.tocsin.ingest.registry.FeedAssignments;
import dev.tocsin.ingest.registry.FeedRegistry;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.platform.kafka.TopicProvisioner;
import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.FeedState;
import dev.tocsin.schemas.Topics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the ingest service: topics, the declared feeds written to the registry, the publisher, the
 * scheduler and this instance's share of the registry.
 */
public final class IngestApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestApp.class);

  private final FeedScheduler scheduler;
  private final StoryPublisher publisher;
  private final FeedAssignments assignments;

  private IngestApp(
      FeedScheduler scheduler, StoryPublisher publisher, FeedAssignments assignments) {
    this.scheduler = scheduler;
    this.publisher = publisher;
    this.assignments = assignments;
  }

  /**
   * Creates the topics ingest needs, writes {@code declared} feeds to the registry where they
   * differ, and starts polling this instance's share of the registry. {@code instanceId} names the
   * instance in the ingest group and its transactions: keep it stable across restarts and unique
   * among running instances.
   */
  public static IngestApp start(
      KafkaSettings kafka,
      IngestSettings settings,
      List<Feed> declared,
      String instanceId,
      Clock clock) {
    Topics topics = Topics.withPrefix(kafka.topicPrefix());
    TopicProvisioner.ensure(
        kafka.clientConfig(),
        List.of(topics.storiesRaw(), topics.ingestState(), topics.feedStatus(), topics.feeds()),
        kafka.replicationFactor());
    if (!declared.isEmpty()) {
      int written = new FeedRegistry(kafka.clientConfig(), topics).apply(declared);
      LOG.info("{} of {} declared feeds written to the registry", written, declared.size());
    }
    FeedAssignments[] group = new FeedAssignments[1];
    StoryPublisher publisher =
        new StoryPublisher(
            kafka.clientConfig(),
            topics,
            kafka.topicPrefix() + "ingest-" + instanceId,
            () -> group[0] == null ? null : group[0].get());
    FeedFetcher fetcher =
        new FeedFetcher(
            settings.connectTimeout(), settings.requestTimeout(), settings.maxBodyBytes());
    FeedPoller poller =
        new FeedPoller(fetcher, new FeedParser(), publisher, settings.policy(), clock);
    FeedScheduler scheduler =
        new FeedScheduler(poller, clock, settings.workers(), settings.perHostLimit());
    group[0] =
        new FeedAssignments(
            kafka.clientConfig(), topics, kafka.topicPrefix() + "ingest", instanceId, scheduler);
    scheduler.start();
    group[0].start();
    LOG.info("Ingest instance {} started", instanceId);
    return new IngestApp(scheduler, publisher, group[0]);
  }

  /** Waits until this instance has joined the ingest group and had its share of the feeds. */
  public boolean awaitAssignment(java.time.Duration timeout) throws InterruptedException {
    return assignments.awaitAssignment(timeout);
  }

  /** Returns the URLs of the feeds this instance polls now. */
  public Set<String> ownedFeeds() {
    return scheduler.feedUrls();
  }

  /** Returns the state of each feed this instance polls. */
  public Map<String, FeedState> states() {
    return scheduler.states();
  }

  /** Returns how many polls this instance has completed. */
  public int completedPolls() {
    return scheduler.completedPolls();
  }

  /**
   * Stops polling (polls in progress finish and commit), then leaves the group so that another
   * instance takes the feeds over at once.
   */
  @Override
  public void close() {
    scheduler.close();
    publisher.close();
    assignments.close();
  }
}
