package dev.tocsin.app;

import com.sun.net.httpserver.HttpServer;
import dev.tocsin.alerting.notify.NotifierSettings;
import dev.tocsin.alerting.notify.SinkConfig;
import dev.tocsin.enrich.topology.EnrichSettings;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Latency from a story on the raw topic to its alert's notification reaching a webhook receiver, at
 * fixed story rates, with enrich, alerting and the notifier in one JVM on the embedded broker. Run
 * on demand: {@code bench/alert-latency.sh [SECONDS_PER_RATE] [RATE...]} (default 60 s at 100 and
 * at 1,000 stories/s).
 *
 * <p>The stories are feed items as most feeds give them, a headline and a lede. One in a hundred is
 * a new on-watch story (a deployment, a shipment, casualties, each with its own figures, so each is
 * a new cluster; those the escalation policy scores elevated or above fire an alert); the others
 * are off-watch news. Intermediate topics are watched too, to show which stage the time goes to. A
 * marker's latency runs from the moment it is written to the raw topic to the moment the webhook
 * receiver has read the notification that names it.
 */
public final class AlertLatencyBenchmark {

  private static final Pattern MARKER = Pattern.compile("bench\\.example/m/(\\d+)");

  private AlertLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    List<Integer> rates = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      rates.add(Integer.parseInt(args[i]));
    }
    if (rates.isEmpty()) {
      rates = List.of(100, 1000);
    }
    Map<Long, Long> sentAt = new ConcurrentHashMap<>();
    Map<Long, Long> receivedAt = new ConcurrentHashMap<>();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    receiver.createContext(
        "/hook",
        exchange -> {
          try (exchange;
              InputStream in = exchange.getRequestBody()) {
            long now = System.nanoTime();
            Matcher m = MARKER.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            while (m.find()) {
              receivedAt.putIfAbsent(Long.parseLong(m.group(1)), now);
            }
            exchange.sendResponseHeaders(204, -1);
          }
        });
    receiver.start();
    Path dataDir = Files.createTempDirectory(Path.of("target"), "alert-latency-");
    List<String> rows = new ArrayList<>();
    try (Pipeline pipeline = new Pipeline()) {
      // Closed last: the broker's logs and the applications' state go when the run ends.
      pipeline.add(() -> DemoCommand.deleteRecursively(dataDir));
      KafkaSettings kafka = pipeline.kafka(null, dataDir, 0);
      pipeline.enrich(EnrichSettings.fromEnvironment(Map.of()), dataDir);
      pipeline.alerting(Settings.alerting(Map.of()), dataDir);
      URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
      pipeline.notifier(
          NotifierSettings.toAll(
              List.of(new SinkConfig.Webhook("webhook", hook, "bench-secret", null))));
      Topics topics = Topics.withPrefix(kafka.topicPrefix());
      Topic<String, RawStory> raw = topics.storiesRaw();
      Stories stories = new Stories(11);
      try (KafkaProducer<String, byte[]> producer = producer(kafka);
          StageWatcher stages =
              new StageWatcher(
                  kafka,
                  List.of(
                      topics.storiesEnriched().name(),
                      topics.clusters().name(),
                      topics.alerts().name()))) {
        // Warm-up: models load and every task is assigned before the first measured story.
        int warmRate = Integer.getInteger("bench.warmRate", 20);
        int warmSeconds = Integer.getInteger("bench.warmSeconds", 30);
        System.out.printf(
            Locale.ROOT, "warming up (%d s at %d stories/s)%n", warmSeconds, warmRate);
        send(producer, raw, stories, warmRate, warmSeconds, sentAt);
        // Until the pipeline has caught up: every warm-up marker has reached the clusters topic.
        long warm = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (stages.count(topics.clusters().name(), sentAt.keySet()) < sentAt.size()
            && System.nanoTime() < warm) {
          Thread.sleep(500);
        }
        Thread.sleep(5_000);
        System.out.println(stages.report(sentAt));
        sentAt.clear();
        receivedAt.clear();
        stages.clear();
        for (int rate : rates) {
          System.out.printf(Locale.ROOT, "%d stories/s for %d s%n", rate, seconds);
          long lag = send(producer, raw, stories, rate, seconds, sentAt);
          long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
          // Until every marker that raised an alert has been notified (at most a minute).
          while ((stages.count(topics.clusters().name(), sentAt.keySet()) < sentAt.size()
                  || receivedAt.size() < stages.count(topics.alerts().name(), sentAt.keySet()))
              && System.nanoTime() < deadline) {
            Thread.sleep(200);
          }
          long fired = stages.count(topics.alerts().name(), sentAt.keySet());
          rows.add(row(rate, seconds, sentAt, fired, receivedAt, lag));
          System.out.println(rows.get(rows.size() - 1));
          System.out.println(stages.report(sentAt));
          sentAt.clear();
          receivedAt.clear();
          stages.clear();
        }
      }
    } finally {
      receiver.stop(0);
    }
    System.out.println();
    System.out.println(
        "| stories/s | seconds | on-watch stories | alerts fired | notified | p50 | p99 | max |"
            + " sender behind |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
  }

  /**
   * Writes stories at a fixed rate; returns how far behind schedule the sender ended, in ms (a
   * sender that cannot keep up would understate the rate).
   */
  private static long send(
      KafkaProducer<String, byte[]> producer,
      Topic<String, RawStory> raw,
      Stories stories,
      int rate,
      int seconds,
      Map<Long, Long> sentAt)
      throws InterruptedException {
    long intervalNanos = 1_000_000_000L / rate;
    long count = (long) rate * seconds;
    long next = System.nanoTime();
    for (long i = 0; i < count; i++) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      next += intervalNanos;
      RawStory story = stories.next(Instant.now());
      byte[] value = raw.valueSerde().serializer().serialize(raw.name(), story);
      Long marker = stories.marker(story);
      if (marker != null) {
        sentAt.put(marker, System.nanoTime());
      }
      producer.send(new ProducerRecord<>(raw.name(), story.getId(), value));
    }
    producer.flush();
    return Math.max(0, (System.nanoTime() - next) / 1_000_000);
  }

  private static String row(
      int rate,
      int seconds,
      Map<Long, Long> sentAt,
      long fired,
      Map<Long, Long> receivedAt,
      long behind) {
    long[] millis =
        sentAt.entrySet().stream()
            .filter(e -> receivedAt.containsKey(e.getKey()))
            .mapToLong(e -> (receivedAt.get(e.getKey()) - e.getValue()) / 1_000_000)
            .sorted()
            .toArray();
    return String.format(
        Locale.ROOT,
        "| %,d | %d | %d | %d | %d | %d ms | %d ms | %d ms | %d ms |",
        rate,
        seconds,
        sentAt.size(),
        fired,
        millis.length,
        percentile(millis, 0.50),
        percentile(millis, 0.99),
        millis.length == 0 ? 0 : millis[millis.length - 1],
        behind);
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  }

  private static KafkaProducer<String, byte[]> producer(KafkaSettings kafka) {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * Notes when each marker first shows on each intermediate topic (enriched stories, clusters,
   * alerts), to tell which stage the time goes to.
   */
  private static final class StageWatcher implements AutoCloseable {
    private final List<String> topics;
    private final Map<String, Map<Long, Long>> seen = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    StageWatcher(KafkaSettings kafka, List<String> topics) {
      this.topics = topics;
      topics.forEach(t -> seen.put(t, new ConcurrentHashMap<>()));
      Map<String, Object> config = new HashMap<>(kafka.clientConfig());
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      config.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.topicPrefix() + "latency-stages");
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
      this.thread =
          new Thread(
              () -> {
                try (KafkaConsumer<byte[], byte[]> consumer =
                    new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                  consumer.subscribe(topics);
                  while (!closed) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                      long now = System.nanoTime();
                      Matcher m =
                          MARKER.matcher(new String(r.value(), StandardCharsets.ISO_8859_1));
                      while (m.find()) {
                        seen.get(r.topic()).putIfAbsent(Long.parseLong(m.group(1)), now);
                      }
                    }
                  }
                }
              },
              "latency-stages");
      thread.start();
    }

    String report(Map<Long, Long> sentAt) {
      StringBuilder out = new StringBuilder("  stages, p50 / p99 from the raw write:");
      for (String topic : topics) {
        Map<Long, Long> at = seen.get(topic);
        long[] millis =
            sentAt.entrySet().stream()
                .filter(e -> at.containsKey(e.getKey()))
                .mapToLong(e -> (at.get(e.getKey()) - e.getValue()) / 1_000_000)
                .sorted()
                .toArray();
        out.append(
            String.format(
                Locale.ROOT,
                " %s %d/%d %d / %d ms;",
                topic,
                millis.length,
                sentAt.size(),
                percentile(millis, 0.5),
                percentile(millis, 0.99)));
      }
      return out.toString();
    }

    /** The markers sent that reached {@code topic}. */
    long count(String topic, Set<Long> sent) {
      return seen.get(topic).keySet().stream().filter(sent::contains).count();
    }

    void clear() {
      seen.values().forEach(Map::clear);
    }

    @Override
    public void close() {
      closed = true;
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Headline-and-lede feed items: one new on-watch story in a hundred, off-watch news besides. */
  private static final class Stories {
    private static final String[] PLACES = {
      "Kursk", "Sudzha", "Vladivostok", "Rason", "Khasan", "Belgorod", "Vostochny", "Pyongyang"
    };
    private static final String[] MARKERS = {
      "North Korea sends %d more troops to Russia's %s region, Seoul says",
      "Trains carry %d containers of North Korean artillery shells toward %s",
      "North Korea ships %d KN-23 missiles and artillery shells to Russia through %s",
      "Ukraine reports %d North Korean soldiers killed near %s",
    };
    private static final String[] LEDES = {
      "South Korea's intelligence service told lawmakers that %d North Korean soldiers had been"
          + " moved to the front near %s in the past week under the mutual defence treaty.",
      "Satellite images show %d containers loaded at a North Korean port before a rail journey to"
          + " %s, in what analysts call a transfer of munitions to Russia's army.",
      "Officials said Pyongyang sent %d ballistic missiles and shells by rail through %s for"
          + " Russia's army, in return for air-defence systems and technology.",
      "Kyiv's military said %d North Korean troops fighting alongside Russian forces died in"
          + " assaults near %s as the deployment grows.",
    };
    private static final String[] NEWS = {
      "City council approves %d new bus routes for %s",
      "Local football club signs %d young players ahead of the %s derby",
      "Heatwave expected to bring %d-degree temperatures to %s this weekend",
      "Tech firm opens office with %d jobs in %s",
      "Museum in %s shows %d paintings from a private collection",
    };
    private final Random random;
    private long sequence;

    Stories(long seed) {
      this.random = new Random(seed);
    }

    RawStory next(Instant now) {
      long n = sequence++;
      boolean marker = n % 100 == 0;
      String place = PLACES[random.nextInt(PLACES.length)];
      int figure = 1_000 + random.nextInt(90_000);
      String title;
      String lede;
      String url;
      if (marker) {
        int kind = random.nextInt(MARKERS.length);
        title = String.format(Locale.ROOT, MARKERS[kind], figure, place);
        lede = String.format(Locale.ROOT, LEDES[kind], figure, place);
        url = "https://bench.example/m/" + n;
      } else {
        String template = NEWS[random.nextInt(NEWS.length)];
        title =
            template.indexOf("%d") < template.indexOf("%s")
                ? String.format(Locale.ROOT, template, figure, place)
                : String.format(Locale.ROOT, template, place, figure);
        lede = title + ". Residents were told more details would follow on " + n + ".";
        url = "https://news.example/a/" + n;
      }
      String outlet = "Outlet " + (n % 40);
      return RawStory.newBuilder()
          .setId("lat-" + n)
          .setFeedUrl("https://outlet-" + (n % 40) + ".example/feed")
          .setFeedName(outlet)
          .setOutlet(outlet)
          .setUrl(url)
          .setCanonicalUrl(url)
          .setTitle(title)
          .setSummary(lede)
          .setLanguage("en")
          .setPublishedAt(now)
          .setFetchedAt(now)
          .setContentHash(Long.toHexString(n))
          .build();
    }

    Long marker(RawStory story) {
      Matcher m = MARKER.matcher(story.getUrl());
      return m.find() ? Long.parseLong(m.group(1)) : null;
    }
  }
}
