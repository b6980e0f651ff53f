package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.alerting.topology.AlertSettings;
import dev.tocsin.enrich.topology.EnrichSettings;
import dev.tocsin.platform.health.ManagementServer;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.schemas.DuplicateStory;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Runs the walking skeleton end to end on the real embedded broker over the bundled feeds. */
class DemoPipelineIT {

  static final String SEED_TITLE =
      "The Strengthening Tie Between Russia And North Korea Is A Threat To European Security And"
          + " The US";

  @Test
  void shouldAlertOnSeedArticleOnceAndReportHealthWhenItsSyndicatedCopyArrives() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target"), "demo-it");
    try (Pipeline pipeline = new Pipeline();
        DemoFeedServer feeds = DemoFeedServer.start()) {
      KafkaSettings kafka = pipeline.kafka(null, dataDir, 0);
      ManagementServer management = pipeline.management(new InetSocketAddress("127.0.0.1", 0));
      assertSeedAlertsOnce(pipeline, kafka, feeds, dataDir);

      String base = "http://127.0.0.1:" + management.address().getPort();
      assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);
      HttpResponse<String> ready = get(base + "/health/ready");
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(ready.body()).contains("kafka: ok", "enrich: ok", "alerting: ok");
      assertThat(get(base + "/metrics").body())
          .contains("kafka_stream_thread_process_total")
          .containsPattern("tocsin_feed_polls_total\\{outcome=\"changed\"\\} [1-9]")
          .containsPattern("tocsin_stories_in_total [1-9]")
          .containsPattern("tocsin_stories_out_total [1-9]")
          .containsPattern("tocsin_relevant_total [1-9]")
          .containsPattern("tocsin_duplicates_total\\{method=\"[a-z_]+\"\\} [1-9]")
          .containsPattern(
              "tocsin_alerts_total\\{kind=\"cluster\",level=\"[a-z]+\",status=\"firing\"\\} [1-9]")
          .containsPattern("tocsin_end_to_end_latency_seconds_count [1-9]")
          .containsPattern("tocsin_end_to_end_latency_seconds_bucket\\{le=\"[0-9.]+\"\\} [1-9]")
          .contains("tocsin_enrich_dead_letters_total{reason=\"undecodable\"} 0");
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Runs the pipeline on {@code kafka} and checks the seed's one alert and its copy: the seed and
   * the Russian and Korean reports of North Korean troops near Kursk are one development, so they
   * make one alert that grows to three independent sources; the syndicated copy joins it without
   * adding a source or an alert of its own.
   */
  static void assertSeedAlertsOnce(
      Pipeline pipeline, KafkaSettings kafka, DemoFeedServer feeds, Path dataDir)
      throws InterruptedException {
    {
      pipeline.enrich(EnrichSettings.defaults(), dataDir);
      pipeline.alerting(AlertSettings.defaults(), dataDir);
      pipeline.ingest(DemoFeeds.ingestSettings(2), DemoFeeds.firstWave(feeds, 2), "it");
      Topics topics = Topics.withPrefix(kafka.topicPrefix());
      EnrichedStory seedStory =
          readUntil(
                  kafka,
                  topics.storiesEnriched(),
                  all -> all.stream().anyMatch(s -> s.getStory().getTitle().equals(SEED_TITLE)))
              .stream()
              .filter(s -> s.getStory().getTitle().equals(SEED_TITLE))
              .findFirst()
              .get();
      String cluster = seedStory.getClusterId();
      List<EscalationAlert> grown =
          readUntil(
              kafka,
              topics.alerts(),
              all ->
                  all.stream()
                      .anyMatch(
                          a ->
                              a.getClusterId().equals(cluster)
                                  && a.getEvidence().getIndependentSources() == 3));
      pipeline.feedRegistry().put(DemoFeeds.secondWave(feeds, 2));

      DuplicateStory copy =
          readUntil(
                  kafka,
                  topics.storiesDuplicates(),
                  all -> all.stream().anyMatch(d -> d.getOutlet().equals("Global Wire Daily")))
              .stream()
              .filter(d -> d.getOutlet().equals("Global Wire Daily"))
              .findFirst()
              .get();
      assertThat(copy.getCanonicalId()).isEqualTo(seedStory.getStory().getId());
      EnrichedStory copied =
          readUntil(
                  kafka,
                  topics.storiesEnriched(),
                  all -> all.stream().anyMatch(s -> s.getStory().getId().equals(copy.getStoryId())))
              .stream()
              .filter(s -> s.getStory().getId().equals(copy.getStoryId()))
              .findFirst()
              .get();
      assertThat(copied.getClusterId()).as("the copy is in the seed's cluster").isEqualTo(cluster);

      EscalationAlert seed =
          grown.stream()
              .filter(a -> a.getClusterId().equals(cluster))
              .reduce((a, b) -> b.getVersion() > a.getVersion() ? b : a)
              .get();
      assertThat(seed.getReasons()).isNotEmpty();
      assertThat(seed.getEvidence().getOutlets())
          .contains("Atlantic Monitor", "Вестник Дня", "한반도일보");

      // Let several more polls and commits pass: the copy must not open an alert of its own nor
      // count as a source of the seed's.
      Thread.sleep(Duration.ofSeconds(6).toMillis());
      List<EscalationAlert> later =
          readUntil(kafka, topics.alerts(), all -> all.size() >= grown.size());
      assertThat(later)
          .filteredOn(a -> a.getClusterId().equals(cluster))
          .extracting(EscalationAlert::getAlertKey)
          .as("one alert for the development")
          .containsOnly(seed.getAlertKey());
      assertThat(later)
          .filteredOn(a -> a.getClusterId().equals(cluster))
          .allSatisfy(
              a -> assertThat(a.getEvidence().getIndependentSources()).isLessThanOrEqualTo(3));
      assertThat(later)
          .filteredOn(a -> a.getTitle().contains("Strengthening Russia–North Korea Ties"))
          .isEmpty();
    }
  }

  private static <V> List<V> readUntil(
      KafkaSettings kafka, Topic<String, V> topic, Predicate<List<V>> done) {
    Map<String, Object> config = kafka.clientConfig();
    config.put("group.id", "it-" + System.nanoTime());
    config.put("auto.offset.reset", "earliest");
    config.put("isolation.level", "read_committed");
    List<V> values = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (!done.test(values)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Timed out reading " + topic.name() + "; read " + values);
        }
        for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(250))) {
          values.add(r.value());
        }
      }
      consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
    }
    return values;
  }
}
