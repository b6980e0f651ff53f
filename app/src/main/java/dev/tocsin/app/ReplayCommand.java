package dev.tocsin.app;

import dev.tocsin.alerting.AlertingApp;
import dev.tocsin.enrich.EnrichApp;
import dev.tocsin.enrich.topology.EnrichSettings;
import dev.tocsin.platform.kafka.CompactedTopicReader;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.platform.kafka.StreamsRunner;
import dev.tocsin.platform.kafka.TopicProvisioner;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tocsin replay}: re-runs enrich and alerting over retained raw stories into shadow topics
 * ({@code <prefix>replay-<suffix>.*}) and prints how the alerts differ from the live ones, so a
 * profile or code change can be judged before it goes live.
 */
@Command(
    name = "replay",
    description =
        "Re-run enrich and alerting over retained raw stories into shadow topics and print the"
            + " difference in alerts against the live ones.")
final class ReplayCommand implements Callable<Integer> {

  private static final Duration SETTLE = Duration.ofSeconds(5);

  /** A score moving less than this within the same level counts as the same alert. */
  static final double RESCORE_THRESHOLD = 0.05;

  @Mixin TopicsCommand.KafkaOptions kafka;
  @Spec CommandSpec spec;

  @Option(
      names = "--from",
      required = true,
      description =
          "Replay raw stories written at or after this time (ISO-8601, e.g. 2026-11-20T00:00:00Z).")
  Instant from;

  @Option(names = "--to", description = "... and before this time (default: now).")
  Instant to;

  @Option(
      names = "--into",
      required = true,
      description = "Suffix of the shadow topics: <prefix>replay-<SUFFIX>.*")
  String suffix;

  @Option(
      names = "--timeout",
      defaultValue = "10m",
      description = "Give up when the shadow pipeline has not caught up after this long.")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    if (!suffix.matches("[a-z0-9][a-z0-9-]{0,40}")) {
      throw new IllegalArgumentException(
          "--into must be lower-case letters, digits and '-': '" + suffix + "'");
    }
    Instant until = to != null ? to : Instant.now();
    if (!from.isBefore(until)) {
      throw new IllegalArgumentException("--from " + from + " is not before --to " + until);
    }
    KafkaSettings live = kafka.settings();
    KafkaSettings shadow =
        new KafkaSettings(
            live.bootstrapServers(),
            live.topicPrefix() + "replay-" + suffix + ".",
            live.replicationFactor(),
            live.clientOverrides());
    Topics liveTopics = Topics.withPrefix(live.topicPrefix());
    Topics shadowTopics = Topics.withPrefix(shadow.topicPrefix());
    PrintWriter out = spec.commandLine().getOut();
    TopicProvisioner.ensure(shadow.clientConfig(), shadowTopics.all(), shadow.replicationFactor());

    long copied = copyRaw(live, liveTopics.storiesRaw(), shadowTopics.storiesRaw(), until);
    out.printf(
        Locale.ROOT,
        "Replaying %d raw stories written %s .. %s into %s*%n",
        copied,
        from,
        until,
        shadow.topicPrefix());
    out.flush();

    Map<String, String> settings = kafka.config();
    // The shadow run's state is disposable: a fresh directory each time, removed afterwards, so a
    // replay never starts from the stores of an earlier one.
    Path dataDir = Settings.dataDir(settings);
    Files.createDirectories(dataDir);
    Path stateDir = Files.createTempDirectory(dataDir, "replay-" + suffix + "-");
    try {
      try (StreamsRunner enrich =
              EnrichApp.start(shadow, EnrichSettings.fromEnvironment(settings), stateDir);
          StreamsRunner alerting =
              AlertingApp.start(shadow, Settings.alerting(settings), stateDir)) {
        enrich.awaitRunning(timeout);
        alerting.awaitRunning(timeout);
        awaitCaughtUp(
            shadow,
            shadowTopics.storiesRaw().name(),
            List.of(
                shadow.topicPrefix() + EnrichApp.APPLICATION_ID,
                shadow.topicPrefix() + AlertingApp.APPLICATION_ID));
      }
    } finally {
      DemoCommand.deleteRecursively(stateDir);
    }

    Map<String, EscalationAlert> before = latestAlerts(live, liveTopics.alerts(), until);
    Map<String, EscalationAlert> after = latestAlerts(shadow, shadowTopics.alerts(), null);
    printDiff(out, before, after);
    out.flush();
    return 0;
  }

  /** Copies the committed raw stories with timestamps in [from, until), keeping keys and times. */
  private long copyRaw(
      KafkaSettings live, Topic<String, ?> source, Topic<String, ?> target, Instant until) {
    Map<String, Object> consumerConfig = new HashMap<>(live.clientConfig());
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, Object> producerConfig = new HashMap<>(live.clientConfig());
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    long copied = 0;
    try (KafkaConsumer<String, byte[]> consumer =
            new KafkaConsumer<>(
                consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                producerConfig,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new ByteArraySerializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(source.name(), Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Map<TopicPartition, Long> query = new HashMap<>();
      partitions.forEach(p -> query.put(p, from.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);
      List<TopicPartition> open = new ArrayList<>();
      for (TopicPartition p : partitions) {
        OffsetAndTimestamp start = starts.get(p);
        if (start == null) {
          consumer.seek(p, end.get(p));
        } else {
          consumer.seek(p, start.offset());
          open.add(p);
        }
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (open.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Timed out copying " + source.name());
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))
              || record.timestamp() >= until.toEpochMilli()) {
            continue;
          }
          producer.send(
              new ProducerRecord<>(
                  target.name(),
                  record.partition(),
                  record.timestamp(),
                  record.key(),
                  record.value()));
          copied++;
        }
      }
      producer.flush();
    }
    return copied;
  }

  /**
   * Waits until both Streams applications are stable, have committed every record of every
   * partition assigned to them, and the shadow topics have stopped growing for {@link #SETTLE}. A
   * partition a member owns but has not committed yet counts as lagging by its whole length, so a
   * task still warming up (loading language models, restoring state) is waited for.
   */
  private void awaitCaughtUp(KafkaSettings shadow, String rawTopic, List<String> groups)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long quietSince = System.nanoTime();
    long lastTotal = -1;
    try (Admin admin = Admin.create(shadow.clientConfig())) {
      while (true) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("The shadow pipeline did not catch up within " + timeout);
        }
        long lag = 0;
        long total = 0;
        Map<String, ConsumerGroupDescription> described =
            admin.describeConsumerGroups(groups).all().get();
        for (String group : groups) {
          ConsumerGroupDescription description = described.get(group);
          Set<TopicPartition> assigned = new HashSet<>();
          description
              .members()
              .forEach(member -> assigned.addAll(member.assignment().topicPartitions()));
          if (description.groupState() != GroupState.STABLE || assigned.isEmpty()) {
            lag = Long.MAX_VALUE;
            continue;
          }
          Map<TopicPartition, OffsetAndMetadata> committed =
              admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
          Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
          assigned.forEach(p -> latest.put(p, OffsetSpec.latest()));
          Map<TopicPartition, ListOffsetsResultInfo> ends =
              admin
                  .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                  .all()
                  .get();
          for (TopicPartition partition : assigned) {
            long end = ends.get(partition).offset();
            OffsetAndMetadata done = committed.get(partition);
            // The replayed raw stories were copied without a transaction; every other input was
            // written under exactly_once_v2, so a transaction marker follows its last record.
            long markers = partition.topic().equals(rawTopic) ? 0 : 1;
            lag += Math.max(0, end - (done == null ? 0 : done.offset()) - markers);
            total += end;
          }
        }
        if (lag > 0 || total != lastTotal) {
          quietSince = System.nanoTime();
          lastTotal = total;
        } else if (System.nanoTime() - quietSince > SETTLE.toNanos()) {
          return;
        }
        Thread.sleep(500);
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot read the shadow pipeline's progress", e.getCause());
    }
  }

  /**
   * The latest version of each alert on {@code topic} written from --from (and before {@code
   * until}, if given).
   */
  private Map<String, EscalationAlert> latestAlerts(
      KafkaSettings settings, Topic<String, EscalationAlert> topic, Instant until) {
    long start = from.toEpochMilli();
    long end = until == null ? Long.MAX_VALUE : until.toEpochMilli();
    return CompactedTopicReader.read(
        settings.clientConfig(), topic, t -> t >= start && t < end, timeout);
  }

  static void printDiff(
      PrintWriter out, Map<String, EscalationAlert> live, Map<String, EscalationAlert> replay) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("CHANGE", "ALERT KEY", "LIVE", "REPLAY", "TITLE"));
    int same = 0;
    int changed = 0;
    int rescored = 0;
    int added = 0;
    int gone = 0;
    for (String key : new TreeSet<>(union(live, replay))) {
      EscalationAlert before = live.get(key);
      EscalationAlert after = replay.get(key);
      String change;
      if (before == null) {
        change = "NEW";
        added++;
      } else if (after == null) {
        change = "GONE";
        gone++;
      } else if (before.getLevel() != after.getLevel() || before.getStatus() != after.getStatus()) {
        change = "CHANGED";
        changed++;
      } else if (Math.abs(before.getScore() - after.getScore()) >= RESCORE_THRESHOLD) {
        // Same level: the replay saw the cluster's stories in another order or all at once.
        change = "RESCORED";
        rescored++;
      } else {
        same++;
        continue;
      }
      EscalationAlert shown = after != null ? after : before;
      rows.add(
          List.of(change, key, describe(before), describe(after), abbreviate(shown.getTitle())));
    }
    if (rows.size() > 1) {
      Table.print(out, rows);
    }
    out.printf(
        Locale.ROOT,
        "%d alerts live, %d in the replay: %d the same, %d changed level or status, %d rescored"
            + " within their level, %d new, %d gone%n",
        live.size(),
        replay.size(),
        same,
        changed,
        rescored,
        added,
        gone);
  }

  private static java.util.Set<String> union(Map<String, ?> a, Map<String, ?> b) {
    java.util.Set<String> keys = new java.util.HashSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }

  private static String describe(EscalationAlert alert) {
    if (alert == null) {
      return "-";
    }
    return String.format(
        Locale.ROOT, "%s %s %.2f", alert.getLevel(), alert.getStatus(), alert.getScore());
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 59) + "…";
  }
}
