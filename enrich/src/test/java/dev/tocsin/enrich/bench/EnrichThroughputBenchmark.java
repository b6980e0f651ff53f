package dev.tocsin.enrich.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.enrich.EnrichApp;
import dev.tocsin.enrich.analysis.Analysis;
import dev.tocsin.enrich.analysis.StoryAnalyzer;
import dev.tocsin.enrich.analysis.StoryText;
import dev.tocsin.enrich.dedup.DedupSettings;
import dev.tocsin.enrich.dedup.MinHash;
import dev.tocsin.enrich.dedup.StoryGist;
import dev.tocsin.enrich.dedup.StoryIndex;
import dev.tocsin.enrich.topology.EnrichSettings;
import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.platform.kafka.StreamsRunner;
import dev.tocsin.platform.kafka.TopicProvisioner;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Enrich throughput and latency beside a pass-through topology, on the embedded broker with
 * exactly_once_v2, on the same records in the same run. Run on demand: {@code bench/enrich.sh
 * [STORIES] [PACED_RATE] [PACED_SECONDS] [STREAM_THREADS] [COMMIT_MS] [STORY_BYTES]}.
 *
 * <p>First the analysis and de-duplication run alone, in memory on one thread, over the same
 * records (no Kafka): the compute enrich cannot avoid. Then each topology gets its own topic prefix
 * and two phases:
 *
 * <ol>
 *   <li><b>Throughput</b>: the stories are written to the raw topic first, then the application
 *       starts; the rate is the count over the time from its first output record to its last (so
 *       start-up, e.g. loading language models, is left out and reported apart).
 *   <li><b>Latency</b>: with the application running, stories are written at a fixed rate; each
 *       story's latency is from its write (its {@code fetchedAt}) to its output record being
 *       readable by a read_committed consumer.
 * </ol>
 *
 * <p>Stories are ~2 KiB ({@code STORY_BYTES}; 0 for bare headlines and ledes), built from the
 * evaluation set's headlines and ledes (English, Russian, Korean; on-watch and off-watch) padded
 * with sentences of the same language, with 10% exact copies and 10% lightly edited copies of
 * recent stories under other outlets. Throughput is also given as the JVM's CPU time a story (the
 * application, the embedded broker and the reader, all in this JVM).
 */
public final class EnrichThroughputBenchmark {

  private static final java.lang.management.ThreadMXBean THREAD_CPU =
      ManagementFactory.getThreadMXBean();

  private static final com.sun.management.OperatingSystemMXBean CPU =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private EnrichThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int stories = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int pacedRate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int pacedSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    // Stream threads and commit interval of both applications, as an operator would set them.
    Map<String, String> threads = new java.util.TreeMap<>();
    // One stream thread a core by default, as an operator runs an application whose work is CPU.
    threads.put(
        "num.stream.threads",
        args.length > 3 ? args[3] : String.valueOf(Runtime.getRuntime().availableProcessors()));
    threads.put("commit.interval.ms", args.length > 4 ? args[4] : "100");
    // More client settings for both applications: BENCH_CLIENT="producer.batch.size=262144,...".
    for (String setting : System.getProperty("bench.client", "").split(",")) {
      if (!setting.isBlank()) {
        String[] kv = setting.split("=", 2);
        threads.put(kv[0].strip(), kv[1].strip());
      }
    }
    // Story size: ~2 KiB articles by default; 0 keeps the evaluation set's headline and lede.
    int targetBytes = args.length > 5 ? Integer.parseInt(args[5]) : 2048;
    Workload workload = Workload.fromProperty();
    System.out.printf(
        Locale.ROOT,
        "client settings %s, story size %s, workload %s%n",
        threads,
        targetBytes == 0 ? "headline and lede" : "~" + targetBytes + " bytes",
        workload.name().toLowerCase(Locale.ROOT));
    StoryGenerator generator =
        new StoryGenerator(loadEvaluationStories(), 42, targetBytes, workload);
    List<byte[]> bulk = new ArrayList<>(stories);
    List<String> keys = new ArrayList<>(stories);
    Serde<RawStory> rawSerde = Topics.withPrefix("x.").storiesRaw().valueSerde();
    long bytes = 0;
    for (int i = 0; i < stories; i++) {
      RawStory story = generator.next(Instant.now());
      byte[] value = rawSerde.serializer().serialize("", story);
      bytes += value.length;
      keys.add(story.getId());
      bulk.add(value);
    }
    System.out.printf(
        Locale.ROOT,
        "%d stories, mean %d bytes encoded (%d distinct, %d exact copies, %d near copies)%n",
        stories,
        bytes / stories,
        generator.originals,
        generator.exactCopies,
        generator.nearCopies);

    InMemory memory = inMemory(bulk, rawSerde);
    if (Boolean.getBoolean("bench.memoryOnly")) {
      return;
    }

    // The broker's logs and both applications' state take gigabytes at 200,000 stories: removed
    // when the run ends, so that repeated runs do not fill the disk.
    Path dir = Path.of("target", "enrich-bench-" + System.nanoTime());
    try {
      compare(dir, threads, keys, bulk, targetBytes, workload, pacedRate, pacedSeconds, memory);
    } finally {
      deleteRecursively(dir);
    }
  }

  private static void compare(
      Path dir,
      Map<String, String> threads,
      List<String> keys,
      List<byte[]> bulk,
      int targetBytes,
      Workload workload,
      int pacedRate,
      int pacedSeconds,
      InMemory memory)
      throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      Result passThrough =
          run(
              "pass-through",
              new KafkaSettings(broker.bootstrapServers(), "pass.", (short) 1, threads),
              dir,
              keys,
              bulk,
              new StoryGenerator(loadEvaluationStories(), 7, targetBytes, workload),
              pacedRate,
              pacedSeconds,
              false);
      Result enrich =
          run(
              "enrich",
              new KafkaSettings(broker.bootstrapServers(), "enrich.", (short) 1, threads),
              dir,
              keys,
              bulk,
              new StoryGenerator(loadEvaluationStories(), 7, targetBytes, workload),
              pacedRate,
              pacedSeconds,
              true);
      System.out.println();
      System.out.println(
          "| topology | start-up | stories/s | CPU a story | paced rate | p50 | p99 | max | paced"
              + " stories |");
      System.out.println("|---|---|---|---|---|---|---|---|---|");
      passThrough.print();
      enrich.print();
      System.out.printf(
          Locale.ROOT,
          "%nenrich / pass-through throughput: %.2fx%n",
          enrich.rate / passThrough.rate);
      System.out.printf(
          Locale.ROOT,
          "in memory, no Kafka (one thread) / pass-through: %,.0f / %,.0f = %.2fx%n",
          memory.rate(),
          passThrough.rate,
          memory.rate() / passThrough.rate);
      // The pass-through keeps both cores busy, so CPU time bounds the rate: enrich does all the
      // pass-through's work (read, decode, encode, write a story) and the analysis besides.
      System.out.printf(
          Locale.ROOT,
          "ceiling with free de-duplication and no extra records: %.0f µs / (%.0f + %.0f µs)"
              + " = %.2fx%n",
          passThrough.cpuMicros,
          passThrough.cpuMicros,
          memory.analysisMicros(),
          passThrough.cpuMicros / (passThrough.cpuMicros + memory.analysisMicros()));
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * The analysis and de-duplication alone, in memory, one thread, on the same records: decode,
   * analyze, gist, and the offline de-duplicator (the same functions the topology calls, without
   * Kafka). Its rate bounds what one stream thread can reach.
   */
  private record InMemory(double rate, double analysisMicros) {}

  private static InMemory inMemory(List<byte[]> bulk, Serde<RawStory> serde)
      throws InterruptedException {
    StoryAnalyzer analyzer = new StoryAnalyzer(EnrichSettings.defaults().profile());
    int warm = Math.min(2_000, bulk.size());
    for (int i = 0; i < warm; i++) {
      analyzer.analyze(text(serde.deserializer().deserialize("", bulk.get(i))));
    }
    long heapBefore = usedHeapAfterGc();
    // What the topology does with each story: the analysis and the fingerprints on the story's
    // partition, the judging in the one index task (StoryIndex).
    DedupSettings settings = DedupSettings.defaults();
    MinHash minHash = new MinHash(settings.minHashes(), settings.seed());
    StoryIndex index = new StoryIndex(settings);
    long duplicates = 0;
    long started = System.nanoTime();
    long analysisNanos = 0;
    long fingerprintNanos = 0;
    long indexNanos = 0;
    Instant seenAt = Instant.parse("2026-01-01T00:00:00Z");
    for (byte[] value : bulk) {
      long t0 = THREAD_CPU.getCurrentThreadCpuTime();
      RawStory story = serde.deserializer().deserialize("", value);
      StoryText storyText = text(story);
      Analysis analysis = analyzer.analyze(storyText);
      long t1 = THREAD_CPU.getCurrentThreadCpuTime();
      analysisNanos += t1 - t0;
      String content = story.getTitle() + "\n" + story.getBody();
      int[] signature = MinHash.hasEnoughWords(content) ? minHash.signature(content) : new int[0];
      StoryGist gist = StoryGist.ofLead(storyText, analysis);
      long t2 = THREAD_CPU.getCurrentThreadCpuTime();
      fingerprintNanos += t2 - t1;
      StoryIndex.Story candidate =
          new StoryIndex.Story(
              story.getId(),
              Integer.toHexString(content.hashCode()),
              signature,
              gist,
              story.getPublishedAt());
      StoryIndex.Verdict verdict = index.judge(candidate);
      index.add(candidate, verdict, story.getOutlet(), seenAt);
      indexNanos += THREAD_CPU.getCurrentThreadCpuTime() - t2;
      if (verdict.isCopy()) {
        duplicates++;
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    InMemory result = new InMemory(bulk.size() / seconds, analysisNanos / 1e3 / bulk.size());
    double indexMicros = indexNanos / 1e3 / bulk.size();
    System.out.printf(
        Locale.ROOT,
        "%n[in memory] %,.0f stories/s (CPU time a story: analysis alone %,.0f µs;"
            + " fingerprints %,.0f µs; index %,.0f µs, so one index task judges at most %,.0f"
            + " stories/s), %d copies found%n",
        result.rate(),
        result.analysisMicros(),
        fingerprintNanos / 1e3 / bulk.size(),
        indexMicros,
        1e6 / indexMicros,
        duplicates);
    // The index is the index task's StoryIndex and nothing else: what it holds after
    // every story is the heap the index task needs for this many stories in its retention.
    long heapAfter = usedHeapAfterGc();
    System.out.printf(
        Locale.ROOT,
        "[index heap] %,d stories held: %.0f MiB (%.0f bytes a story)%n",
        index.size(),
        (heapAfter - heapBefore) / 1048576.0,
        (heapAfter - heapBefore) / (double) Math.max(1, index.size()));
    // Time to take a heap histogram of the index (jcmd PID GC.class_histogram) before it goes.
    Thread.sleep(Long.getLong("bench.pauseAfterIndexMillis", 0));
    return result;
  }

  private static long usedHeapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static StoryText text(RawStory story) {
    return new StoryText(
        story.getTitle(), story.getSummary(), story.getBody(), story.getLanguage());
  }

  private static Result run(
      String name,
      KafkaSettings kafka,
      Path dir,
      List<String> keys,
      List<byte[]> bulk,
      StoryGenerator paced,
      int pacedRate,
      int pacedSeconds,
      boolean enrich)
      throws Exception {
    Topics topics = Topics.withPrefix(kafka.topicPrefix());
    Topic<String, RawStory> raw = topics.storiesRaw();
    Topic<String, ?> output =
        enrich
            ? topics.storiesEnriched()
            : new Topic<>(
                kafka.topicPrefix() + "passed",
                Serdes.String(),
                raw.valueSerde(),
                raw.partitions(),
                Map.of());
    TopicProvisioner.ensure(kafka.clientConfig(), List.of(raw, output), (short) 1);
    ToLongFunction<byte[]> fetchedAt =
        enrich
            ? value ->
                topics
                    .storiesEnriched()
                    .valueSerde()
                    .deserializer()
                    .deserialize("", value)
                    .getStory()
                    .getFetchedAt()
                    .toEpochMilli()
            : value ->
                raw.valueSerde()
                    .deserializer()
                    .deserialize("", value)
                    .getFetchedAt()
                    .toEpochMilli();

    System.out.printf(
        Locale.ROOT, "%n[%s] writing %d stories to %s%n", name, bulk.size(), raw.name());
    try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
      awaitLeaders(producer, raw.name());
      for (int i = 0; i < bulk.size(); i++) {
        producer.send(new ProducerRecord<>(raw.name(), keys.get(i), bulk.get(i)));
      }
      producer.flush();
    }

    long started = System.nanoTime();
    try (OutputReader reader = new OutputReader(kafka, output.name(), fetchedAt);
        StreamsRunner app =
            enrich
                ? EnrichApp.start(kafka, EnrichSettings.defaults(), dir.resolve(name))
                : passThrough(kafka, raw, output, dir.resolve(name))) {
      if (!app.awaitRunning(Duration.ofMinutes(5))) {
        throw new IllegalStateException(name + " did not start: " + app.state());
      }
      reader.awaitCount(bulk.size(), Duration.ofHours(2));
      Result result = new Result(name);
      result.startup = (reader.firstNanos - started) / 1e9;
      result.rate = (bulk.size() - 1) / ((reader.lastNanos - reader.firstNanos) / 1e9);
      result.cpuMicros = (reader.lastCpuNanos - reader.firstCpuNanos) / 1e3 / (bulk.size() - 1);
      System.out.printf(
          Locale.ROOT,
          "[%s] throughput: %,.0f stories/s, %,.0f µs of CPU a story (first output %.1f s after"
              + " start)%n",
          name,
          result.rate,
          result.cpuMicros,
          result.startup);

      // Paced phase: a fixed rate, latency per story from its write to its output.
      reader.latencies.clear();
      long count = (long) pacedRate * pacedSeconds;
      Serde<RawStory> serde = raw.valueSerde();
      long intervalNanos = 1_000_000_000L / pacedRate;
      try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
        long next = System.nanoTime();
        for (long i = 0; i < count; i++) {
          long wait = next - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
          next += intervalNanos;
          RawStory story = paced.next(Instant.now());
          producer.send(
              new ProducerRecord<>(
                  raw.name(), story.getId(), serde.serializer().serialize("", story)));
        }
        producer.flush();
      }
      reader.awaitCount(bulk.size() + count, Duration.ofMinutes(10));
      long[] sorted = reader.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      result.pacedRate = pacedRate;
      result.paced = sorted.length;
      result.p50 = percentile(sorted, 0.50);
      result.p99 = percentile(sorted, 0.99);
      result.max = sorted.length == 0 ? 0 : sorted[sorted.length - 1];
      System.out.printf(
          Locale.ROOT,
          "[%s] at %d stories/s: p50 %d ms, p99 %d ms, max %d ms (%d stories)%n",
          name,
          pacedRate,
          result.p50,
          result.p99,
          result.max,
          result.paced);
      printWrites(kafka, bulk.size() + count);
      return result;
    }
  }

  /**
   * Prints what the application wrote a story, by topic: the end offsets of every topic under its
   * prefix (outputs, repartition topics, changelogs) over the stories written, transaction markers
   * included (a commit writes one to each partition the transaction wrote to).
   */
  private static void printWrites(KafkaSettings kafka, long stories) throws Exception {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    config.remove("num.stream.threads");
    config.remove("commit.interval.ms");
    try (Admin admin = Admin.create(config)) {
      List<String> names =
          admin.listTopics().names().get().stream()
              .filter(t -> t.startsWith(kafka.topicPrefix()) && !t.endsWith("stories.raw"))
              .sorted()
              .toList();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (var description : admin.describeTopics(names).allTopicNames().get().values()) {
        description
            .partitions()
            .forEach(
                p ->
                    latest.put(
                        new TopicPartition(description.name(), p.partition()),
                        OffsetSpec.latest()));
      }
      Map<String, Long> byTopic = new java.util.TreeMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get()
          .forEach((tp, info) -> byTopic.merge(tp.topic(), info.offset(), Long::sum));
      long total = byTopic.values().stream().mapToLong(Long::longValue).sum();
      System.out.printf(
          Locale.ROOT,
          "  offsets written a story, markers included: %.1f%n",
          (double) total / stories);
      byTopic.forEach(
          (topic, offsets) ->
              System.out.printf(
                  Locale.ROOT,
                  "    %5.2f  %s%n",
                  (double) offsets / stories,
                  topic.substring(kafka.topicPrefix().length())));
    }
  }

  private static StreamsRunner passThrough(
      KafkaSettings kafka, Topic<String, RawStory> raw, Topic<String, ?> output, Path stateDir) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(raw.name(), Consumed.with(raw.keySerde(), raw.valueSerde()).withName("raw"))
        .to(output.name(), Produced.with(raw.keySerde(), raw.valueSerde()).withName("passed"));
    Topology topology = builder.build();
    StreamsRunner runner =
        new StreamsRunner(
            "pass-through", topology, kafka.streamsConfig(kafka.topicPrefix() + "pass", stateDir));
    runner.start();
    return runner;
  }

  /**
   * Waits until every partition of a topic just created has a leader the producer knows of: sends
   * made in the first moments after creation can be refused and retried out of order.
   */
  private static void awaitLeaders(KafkaProducer<String, byte[]> producer, String topic)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (producer.partitionsFor(topic).stream().anyMatch(p -> p.leader() == null)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("No leaders for " + topic);
      }
      Thread.sleep(100);
    }
    Thread.sleep(2_000);
  }

  private static KafkaProducer<String, byte[]> producer(KafkaSettings kafka) {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    config.remove("num.stream.threads");
    config.remove("commit.interval.ms");
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  }

  private static List<JsonNode> loadEvaluationStories() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> stories = new ArrayList<>();
    try (InputStream in =
            EnrichThroughputBenchmark.class.getResourceAsStream("/eval/stories.jsonl");
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (!line.isBlank()) {
          stories.add(json.readTree(line));
        }
      }
    }
    return stories;
  }

  /** The figures of one topology. */
  private static final class Result {
    final String name;
    double startup;
    double rate;
    double cpuMicros;
    int pacedRate;
    int paced;
    long p50;
    long p99;
    long max;

    Result(String name) {
      this.name = name;
    }

    void print() {
      System.out.printf(
          Locale.ROOT,
          "| %s | %.1f s | %,.0f | %,.0f µs | %d/s | %d ms | %d ms | %d ms | %,d |%n",
          name,
          startup,
          rate,
          cpuMicros,
          pacedRate,
          p50,
          p99,
          max,
          paced);
    }
  }

  /** Counts output records on a background thread and keeps each one's latency. */
  private static final class OutputReader implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final ToLongFunction<byte[]> fetchedAt;
    private final Thread thread;
    final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile long count;
    volatile long firstNanos;
    volatile long lastNanos;
    // The JVM's CPU time (all threads: the application, the embedded broker, this reader).
    volatile long firstCpuNanos;
    volatile long lastCpuNanos;
    private volatile boolean closed;

    OutputReader(KafkaSettings kafka, String topic, ToLongFunction<byte[]> fetchedAt) {
      Map<String, Object> config = new HashMap<>(kafka.clientConfig());
      config.remove("num.stream.threads");
      config.remove("commit.interval.ms");
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      config.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.topicPrefix() + "bench-reader");
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      this.consumer =
          new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
      this.fetchedAt = fetchedAt;
      consumer.subscribe(List.of(topic));
      this.thread = new Thread(this::loop, "bench-reader");
      thread.start();
    }

    private void loop() {
      while (!closed) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
          long now = System.nanoTime();
          long wall = System.currentTimeMillis();
          long cpu = CPU.getProcessCpuTime();
          if (count == 0) {
            firstNanos = now;
            firstCpuNanos = cpu;
          }
          lastNanos = now;
          lastCpuNanos = cpu;
          latencies.add(wall - fetchedAt.applyAsLong(record.value()));
          count++;
        }
      }
      consumer.close();
    }

    void awaitCount(long expected, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      long reported = System.nanoTime();
      while (count < expected) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Only " + count + " of " + expected + " outputs");
        }
        if (System.nanoTime() - reported > 30_000_000_000L) {
          System.out.printf(Locale.ROOT, "  ... %,d of %,d%n", count, expected);
          reported = System.nanoTime();
        }
        Thread.sleep(20);
      }
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

  /** What the stories are made of: see {@link StoryGenerator}. */
  enum Workload {
    /** Stories as distinct as news: each original its own words, one in 20 on watch. */
    NEWS,
    /** Every story built from the evaluation set's 318 stories: alike far beyond news. */
    ALIKE;

    static Workload fromProperty() {
      return valueOf(System.getProperty("bench.workload", "news").toUpperCase(Locale.ROOT));
    }
  }

  /**
   * Builds ~2 KiB stories with 10% exact and 10% lightly edited copies of recent stories under
   * other outlets. The originals depend on the workload:
   *
   * <ul>
   *   <li>{@link Workload#NEWS}: one original in 20 is an on-watch report, the headline and lede of
   *       one of the evaluation set's on-watch stories, and one in 20 is an off-watch story that
   *       names one side (the evaluation set's off-watch headlines and ledes); the others are
   *       stories of their own, made of words of a made-up vocabulary of the language's script,
   *       common and rare words by a Zipf-like law, as distinct from each other as news is and
   *       naming nothing the profile knows. Every body is filled up with such words. The on-watch
   *       reports of one evaluation story join one cluster (about 50 reports at 200,000 stories).
   *   <li>{@link Workload#ALIKE}: every original is one of the evaluation set's headlines and ledes
   *       padded with sentences of the evaluation set's other ledes, so most stories share LSH
   *       bands and gist buckets with thousands of others, and two thirds are on watch and join a
   *       few large clusters: a worst case for the index and the clusters.
   * </ul>
   */
  private static final class StoryGenerator {
    private final Workload workload;
    private final Map<String, List<JsonNode>> byLanguage = new HashMap<>();
    private final Map<String, List<JsonNode>> onWatch = new HashMap<>();
    private final Map<String, List<String>> sentences = new HashMap<>();
    private final Map<String, List<JsonNode>> offWatch = new HashMap<>();
    private final Map<String, String[]> vocabulary = new HashMap<>();
    private final List<String> languages;
    private final Random random;
    private final RawStory[] recent = new RawStory[1000];
    private final int targetBytes;
    private long sequence;
    int originals;
    int exactCopies;
    int nearCopies;

    StoryGenerator(List<JsonNode> evaluation, long seed, int targetBytes, Workload workload) {
      this.targetBytes = targetBytes;
      this.workload = workload;
      for (JsonNode story : evaluation) {
        String language = story.path("lang").asText("en");
        byLanguage.computeIfAbsent(language, k -> new ArrayList<>()).add(story);
        String body = story.path("body").asText("");
        for (String sentence : body.split("(?<=[.!?。])\\s+")) {
          if (sentence.length() > 20) {
            sentences.computeIfAbsent(language, k -> new ArrayList<>()).add(sentence);
          }
        }
        (story.path("relevant").asBoolean() ? onWatch : offWatch)
            .computeIfAbsent(language, k -> new ArrayList<>())
            .add(story);
      }
      this.languages = new ArrayList<>(byLanguage.keySet());
      languages.sort(null);
      this.random = new Random(seed);
      for (String language : languages) {
        vocabulary.put(language, vocabulary(language, new Random(seed + language.hashCode())));
      }
    }

    // 20,000 made-up words in the language's script, syllable by syllable: news names people,
    // places and things of every kind, and almost none of them are in the watch's profile.
    private static String[] vocabulary(String language, Random random) {
      String[] syllables =
          switch (language) {
            case "ru" ->
                "ба ве го да же зи ка ло ми но пы ра со ту фе хо це чи ша ель ов ин ск ст ан ор ус"
                    .split(" ");
            case "ko" -> "가 나 다 라 마 바 사 아 자 차 카 타 파 하 고 도 로 모 보 소 오 조 한 국 민 정 세 상".split(" ");
            default ->
                "ba ce di fo gu ha je ki lo mu na pe ri so tu ve wa ye zo an er in on st re th ly"
                    .split(" ");
          };
      String[] words = new String[20_000];
      for (int i = 0; i < words.length; i++) {
        StringBuilder word = new StringBuilder();
        int length = 1 + random.nextInt(4);
        for (int k = 0; k < length; k++) {
          word.append(syllables[random.nextInt(syllables.length)]);
        }
        words[i] = word.toString();
      }
      return words;
    }

    RawStory next(Instant now) {
      long n = sequence++;
      int roll = random.nextInt(10);
      RawStory earlier = recent[random.nextInt(recent.length)];
      if (earlier != null && roll == 0) {
        exactCopies++;
        return copy(earlier, n, earlier.getTitle(), earlier.getBody(), now);
      }
      if (earlier != null && roll == 1) {
        nearCopies++;
        String body = earlier.getBody();
        String edited =
            body.substring(0, body.length() * 9 / 10)
                + " (Reporting by desk "
                + (n % 97)
                + "; editing by staff.)";
        return copy(earlier, n, earlier.getTitle() + " - update", edited, now);
      }
      originals++;
      String language = languages.get(random.nextInt(languages.size()));
      String title;
      StringBuilder body;
      if (workload == Workload.ALIKE) {
        JsonNode seed = pick(byLanguage.get(language));
        title = seed.path("title").asText() + " " + n;
        body = new StringBuilder(seed.path("body").asText(""));
        List<String> padding = sentences.get(language);
        while (body.toString().getBytes(StandardCharsets.UTF_8).length < targetBytes) {
          body.append(' ').append(pick(padding));
          number(body, 4);
        }
      } else {
        String[] words = vocabulary.get(language);
        int kind = random.nextInt(20);
        if (kind < 2) {
          // On watch; or off watch though it names one side, as sports, culture or trade news does.
          JsonNode seed = pick(kind == 0 ? onWatch.get(language) : offWatch.get(language));
          title = seed.path("title").asText() + " " + n;
          body = new StringBuilder(seed.path("body").asText(""));
        } else {
          title = words(words, 6 + random.nextInt(7)) + " " + n;
          body = new StringBuilder(words(words, 12 + random.nextInt(14))).append('.');
        }
        while (body.toString().getBytes(StandardCharsets.UTF_8).length < targetBytes) {
          body.append(' ').append(words(words, 8 + random.nextInt(13))).append('.');
          number(body, 4);
        }
      }
      RawStory story =
          RawStory.newBuilder()
              .setId("b-" + n)
              .setFeedUrl("https://outlet-" + (n % 50) + ".example/feed")
              .setFeedName("Outlet " + (n % 50))
              .setOutlet("Outlet " + (n % 50))
              .setUrl("https://outlet-" + (n % 50) + ".example/" + n)
              .setTitle(title)
              .setBody(body.toString())
              .setLanguage(language)
              .setPublishedAt(now)
              .setFetchedAt(now)
              .setContentHash(Long.toHexString(n))
              .setTags(Arrays.asList())
              .build();
      recent[random.nextInt(recent.length)] = story;
      return story;
    }

    private <T> T pick(List<T> pool) {
      return pool.get(random.nextInt(pool.size()));
    }

    // Words by a Zipf-like law: a few are common, most are rare, as in any language.
    private String words(String[] vocabulary, int count) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < count; i++) {
        int rank = (int) Math.pow(vocabulary.length, random.nextDouble()) - 1;
        out.append(i == 0 ? "" : " ").append(vocabulary[rank]);
      }
      return out.toString();
    }

    // One sentence in {@code oneIn} is followed by a figure, as news gives them.
    private void number(StringBuilder body, int oneIn) {
      if (random.nextInt(oneIn) == 0) {
        body.append(' ').append(Integer.toString(random.nextInt(100_000)));
      }
    }

    private RawStory copy(RawStory earlier, long n, String title, String body, Instant now) {
      return RawStory.newBuilder(earlier)
          .setId("b-" + n)
          .setFeedUrl("https://syndicator-" + (n % 30) + ".example/feed")
          .setFeedName("Syndicator " + (n % 30))
          .setOutlet("Syndicator " + (n % 30))
          .setUrl("https://syndicator-" + (n % 30) + ".example/" + n)
          .setTitle(title)
          .setBody(body)
          .setPublishedAt(now)
          .setFetchedAt(now)
          .setContentHash(Long.toHexString(n))
          .build();
    }
  }
}
