package dev.tocsin.app;

import com.sun.net.httpserver.HttpServer;
import dev.tocsin.alerting.AlertingApp;
import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.schemas.DuplicateStory;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * Runs Tocsin as separate processes on a three-broker KRaft cluster, once without faults and once
 * with faults injected at seeded random times, and checks afterwards that no story was lost or
 * duplicated, that every alert version reached the webhook receiver, and that the faulted run's
 * verdicts, clusters and alerts are the fault-free run's and agree with the ground truth the
 * harness generated (which story copies which, which are on the watch). Run on demand with {@code
 * bench/chaos.sh [FAULTS] [SEED]}; {@code ChaosIT} runs a smaller plan in the build.
 *
 * <p>The brokers run {@code kafka.Kafka}, the services {@code TocsinCommand} (ingest, enrich,
 * {@code alerting --without-notifier} and {@code notifier}), each in its own JVM on this JVM's
 * class path. Every state directory and log is under the work directory, deleted at the end unless
 * the run found a problem.
 */
public final class ChaosHarness {

  /** A kind of fault the harness injects. */
  public enum Fault {
    KILL_CONTROLLER("kill -9 active controller", 3),
    KILL_LEADER("kill -9 partition leader", 3),
    BROKER_RESTART("broker restart", 2),
    KILL_INGEST("kill -9 ingest", 2),
    KILL_ENRICH("kill -9 enrich", 2),
    KILL_ALERTING("kill -9 alerting", 2),
    KILL_NOTIFIER("kill -9 notifier", 2),
    RECEIVER_DOWN("receiver down", 2),
    RECEIVER_500("receiver 500", 1),
    RECEIVER_429("receiver 429", 1);

    private final String label;
    private final int weight;

    Fault(String label, int weight) {
      this.label = label;
      this.weight = weight;
    }

    /** Returns the name of the kind in the report. */
    public String label() {
      return label;
    }

    /** Returns the service a kill of this kind targets, or null for other kinds. */
    String service() {
      return name().startsWith("KILL_") && ordinal() >= KILL_INGEST.ordinal()
          ? name().substring("KILL_".length()).toLowerCase(Locale.ROOT)
          : null;
    }
  }

  /**
   * What to run: how many faults, the seed, the stories, how many instances of each service, the
   * kinds of fault drawn at least once, and the services' consumer session timeout (null: Kafka's
   * default, 45 s).
   */
  public record Plan(
      int faults,
      long seed,
      int stories,
      int ingests,
      int enriches,
      double storiesPerSecond,
      Set<Fault> required,
      Duration sessionTimeout) {

    public Plan {
      required = Set.copyOf(required);
      if (required.size() > faults) {
        throw new IllegalArgumentException(
            faults + " faults cannot cover the " + required.size() + " required kinds");
      }
    }

    /** Returns a plan that draws every kind of fault at least once when there are enough faults. */
    public static Plan covering(
        int faults, long seed, int stories, int ingests, int enriches, double storiesPerSecond) {
      Set<Fault> all = faults >= Fault.values().length ? EnumSet.allOf(Fault.class) : Set.of();
      return new Plan(faults, seed, stories, ingests, enriches, storiesPerSecond, all, null);
    }

    Plan withoutFaults() {
      return new Plan(
          0, seed, stories, ingests, enriches, storiesPerSecond, Set.of(), sessionTimeout);
    }

    /**
     * Returns the faults in injection order: each required kind once, the rest drawn by weight,
     * shuffled with the seed.
     */
    List<Fault> draw(Random random) {
      List<Fault> drawn = new ArrayList<>(new TreeSet<>(required));
      int total = Arrays.stream(Fault.values()).mapToInt(f -> f.weight).sum();
      while (drawn.size() < faults) {
        int pick = random.nextInt(total);
        for (Fault f : Fault.values()) {
          pick -= f.weight;
          if (pick < 0) {
            drawn.add(f);
            break;
          }
        }
      }
      Collections.shuffle(drawn, random);
      return drawn;
    }
  }

  /**
   * What a run found; the comparisons count the faulted run's stories and alerts unlike the
   * fault-free run's, and stories unlike the ground truth in each run.
   */
  public record Result(
      Map<String, Integer> faultsByKind,
      int stories,
      int lost,
      int duplicated,
      int wrongVerdicts,
      int alerts,
      int missingNotifications,
      int repeatedNotifications,
      Duration maxRecovery,
      Comparison comparison,
      List<String> problems) {

    /** Returns these figures with the comparison with the fault-free run, and all problems. */
    Result withComparison(Comparison with, List<String> allProblems) {
      return new Result(
          faultsByKind,
          stories,
          lost,
          duplicated,
          wrongVerdicts,
          alerts,
          missingNotifications,
          repeatedNotifications,
          maxRecovery,
          with,
          allProblems);
    }

    /** Returns the number of faults injected. */
    public int faults() {
      return faultsByKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Returns whether nothing was lost, duplicated, missing or unlike the fault-free run. */
    public boolean clean() {
      return lost + duplicated + missingNotifications == 0
          && wrongVerdicts == 0
          && comparison.mismatches() == 0
          && problems.isEmpty();
    }

    /** Returns the tables and the one-line summary a script checks. */
    public String report() {
      StringBuilder out = new StringBuilder("| fault | count |\n|---|---|\n");
      faultsByKind.forEach(
          (k, v) -> out.append("| ").append(k).append(" | ").append(v).append(" |\n"));
      out.append(
          String.format(
              Locale.ROOT,
              "%n| stories | lost | duplicated | wrong verdicts | alert versions | missing"
                  + " notifications | repeated notifications | longest recovery |%n"
                  + "|---|---|---|---|---|---|---|---|%n| %d | %d | %d | %d | %d | %d | %d | %.1f s |%n",
              stories,
              lost,
              duplicated,
              wrongVerdicts,
              alerts,
              missingNotifications,
              repeatedNotifications,
              maxRecovery.toMillis() / 1000.0));
      Comparison c = comparison;
      out.append(
          String.format(
              Locale.ROOT,
              "%n| run | stories unlike the fault-free run | alerts unlike the fault-free run |"
                  + " stories unlike the ground truth |%n|---|---|---|---|%n"
                  + "| fault-free | | | %d |%n| faulted | %d | %d of %d | %d |%n",
              c.faultFreeGroundTruth(),
              c.mismatchedVerdicts(),
              c.mismatchedAlerts(),
              c.alerts(),
              c.groundTruth()));
      problems.stream().limit(40).forEach(p -> out.append("problem: ").append(p).append('\n'));
      out.append(
          String.format(
              Locale.ROOT,
              "mismatched_verdicts=%d mismatched_alerts=%d ground_truth_mismatches=%d%n",
              c.mismatchedVerdicts(),
              c.mismatchedAlerts(),
              c.groundTruth() + c.faultFreeGroundTruth()));
      out.append(
          String.format(
              Locale.ROOT,
              "faults=%d stories=%d lost=%d duplicated=%d missing_notifications=%d"
                  + " repeated_notifications=%d max_recovery_s=%.1f",
              faults(),
              stories,
              lost,
              duplicated,
              missingNotifications,
              repeatedNotifications,
              maxRecovery.toMillis() / 1000.0));
      return out.toString();
    }
  }

  /**
   * How the faulted run compares: stories whose verdict or cluster differs from the fault-free
   * run's, alerts (of {@code alerts} in either run) whose versions differ, and stories unlike the
   * ground truth in the faulted and in the fault-free run.
   */
  public record Comparison(
      int mismatchedVerdicts,
      int mismatchedAlerts,
      int alerts,
      int groundTruth,
      int faultFreeGroundTruth) {

    /** Not compared yet: the figures of one run on its own. */
    static final Comparison NONE = new Comparison(0, 0, 0, 0, 0);

    /** Returns the sum of every mismatch. */
    public int mismatches() {
      return mismatchedVerdicts + mismatchedAlerts + groundTruth + faultFreeGroundTruth;
    }
  }

  private static final int FEEDS = 4;
  private static final int FEED_WINDOW = 60;
  private static final Duration SETTLE = Duration.ofMinutes(4);
  private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(2);

  private final Plan plan;
  private final Path work;
  private final PrintStream log;
  private final Random random;
  private final String classPath = System.getProperty("java.class.path");
  private final List<Node> brokers = new ArrayList<>();
  private final List<Node> services = new ArrayList<>();
  private final Map<Fault, Integer> faults = new EnumMap<>(Fault.class);
  private final List<Story> published = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> accepted = new ConcurrentHashMap<>();
  private volatile int receiverStatus = 204;
  private HttpServer receiver;
  private int receiverPort;
  private HttpServer feedServer;
  private String bootstrap;
  private Duration maxRecovery = Duration.ZERO;

  private final long born = System.nanoTime();

  private ChaosHarness(Plan plan, Path work, PrintStream log) {
    this.plan = plan;
    this.work = work;
    this.log = log;
    this.random = new Random(plan.seed());
  }

  public static void main(String[] args) throws Exception {
    try {
      int faultCount = args.length > 0 ? Integer.parseInt(args[0]) : 30;
      long seed = args.length > 1 ? Long.parseLong(args[1]) : 1L;
      int stories = Integer.getInteger("chaos.stories", Math.max(300, faultCount * 20));
      Plan plan = Plan.covering(faultCount, seed, stories, 2, 2, 2.0);
      Result result = run(plan, Path.of("target", "chaos"), System.out);
      System.out.println(result.report());
      System.exit(result.clean() ? 0 : 1);
    } catch (NumberFormatException e) {
      System.err.println(
          "usage: bench/chaos.sh [FAULTS] [SEED] (whole numbers): " + e.getMessage());
      System.exit(2);
    }
  }

  /**
   * Runs the plan's stories without faults, then with the plan's faults, each on a cluster of its
   * own with its state under {@code parent}, printing progress to {@code log}, and compares them.
   */
  public static Result run(Plan plan, Path parent, PrintStream log) throws Exception {
    Files.createDirectories(parent);
    Path work = Files.createTempDirectory(parent, "run-");
    boolean clean = false;
    try {
      log.println("chaos: the fault-free run");
      Run faultFree = runOnce(plan.withoutFaults(), work.resolve("fault-free"), log);
      log.println("chaos: the faulted run");
      Run faulted = runOnce(plan, work.resolve("faulted"), log);
      Result result = faulted.compareWith(faultFree);
      clean = result.clean();
      return result;
    } finally {
      if (clean) {
        DemoCommand.deleteRecursively(work);
      } else {
        log.println("chaos: logs and state kept in " + work.toAbsolutePath());
      }
    }
  }

  private static Run runOnce(Plan plan, Path work, PrintStream log) throws Exception {
    Files.createDirectories(work);
    ChaosHarness harness = new ChaosHarness(plan, work, log);
    try {
      return harness.execute();
    } finally {
      harness.stopAll();
    }
  }

  private Run execute() throws Exception {
    startReceiver();
    startFeeds();
    startBrokers();
    Path feedsFile = writeFeedsFile();
    for (int i = 1; i <= plan.ingests(); i++) {
      services.add(service("ingest-" + i, List.of("ingest", "--feeds", feedsFile.toString())));
    }
    for (int i = 1; i <= plan.enriches(); i++) {
      services.add(service("enrich-" + i, List.of("enrich")));
    }
    services.add(service("alerting-1", List.of("alerting", "--without-notifier")));
    services.add(service("notifier-1", List.of("notifier")));
    for (Node s : services) {
      s.start();
    }
    for (Node s : services) {
      await("ready " + s.name, RECOVERY_LIMIT, () -> ready(s));
    }
    List<Fault> draw = plan.draw(random);
    say(
        "cluster and services ready; publishing "
            + plan.stories()
            + " stories"
            + (draw.isEmpty() ? "" : "; faults: " + draw.stream().map(Fault::label).toList()));
    Thread publisher = new Thread(this::publishStories, "chaos-publisher");
    publisher.start();
    long publishMillis = (long) (plan.stories() / plan.storiesPerSecond() * 1000);
    long faultGap = Math.max(2_000, publishMillis / Math.max(1, plan.faults() + 1));
    for (Fault fault : draw) {
      Thread.sleep(faultGap / 2 + random.nextInt((int) faultGap));
      inject(fault);
    }
    publisher.join();
    say("all stories published; waiting for the pipeline to settle");
    return check();
  }

  private void say(String what) {
    log.printf(Locale.ROOT, "chaos [%5.1f s]: %s%n", (System.nanoTime() - born) / 1e9, what);
  }

  // --- faults ---------------------------------------------------------------------------------

  private void inject(Fault fault) throws Exception {
    long started = System.nanoTime();
    String detail = "";
    switch (fault) {
      case KILL_CONTROLLER, KILL_LEADER -> {
        Node broker;
        if (fault == Fault.KILL_CONTROLLER) {
          broker = brokers.get(activeController() - 1);
        } else {
          Led led = leaderOfRandomPartition();
          detail = " (" + led.topic() + "-" + led.partition() + ": broker " + led.leader() + ")";
          broker = brokers.get(led.leader() - 1);
        }
        broker.kill();
        Thread.sleep(1_000 + random.nextInt(4_000));
        broker.start();
        await("replicas in sync", RECOVERY_LIMIT, this::fullyReplicated);
      }
      case BROKER_RESTART -> {
        Node broker = brokers.get(random.nextInt(brokers.size()));
        broker.stop();
        broker.start();
        await("replicas in sync", RECOVERY_LIMIT, this::fullyReplicated);
      }
      case KILL_INGEST, KILL_ENRICH, KILL_ALERTING, KILL_NOTIFIER -> {
        List<Node> candidates =
            services.stream().filter(n -> n.name.startsWith(fault.service() + "-")).toList();
        Node service = candidates.get(random.nextInt(candidates.size()));
        detail = " (" + service.name + ")";
        service.kill();
        Thread.sleep(random.nextInt(3_000));
        service.start();
        await("ready " + service.name, RECOVERY_LIMIT, () -> ready(service));
      }
      case RECEIVER_DOWN, RECEIVER_500, RECEIVER_429 -> {
        int before = accepted.size();
        if (fault == Fault.RECEIVER_DOWN) {
          receiver.stop(0);
        } else {
          receiverStatus = fault == Fault.RECEIVER_500 ? 500 : 429;
        }
        Thread.sleep(2_000 + random.nextInt(8_000));
        if (fault == Fault.RECEIVER_DOWN) {
          startReceiver();
        }
        receiverStatus = 204;
        // Recovered when the receiver accepts a notification again (or nothing was pending).
        await(
            "a notification after " + fault.label(),
            RECOVERY_LIMIT,
            () -> accepted.size() > before || pendingNotifications() == 0);
      }
    }
    Duration recovery = Duration.ofNanos(System.nanoTime() - started);
    if (recovery.compareTo(maxRecovery) > 0) {
      maxRecovery = recovery;
    }
    faults.merge(fault, 1, Integer::sum);
    say(
        String.format(
            Locale.ROOT,
            "%s%s, recovered in %.1f s",
            fault.label(),
            detail,
            recovery.toMillis() / 1000.0));
  }

  /** A partition and the node id of its leader. */
  private record Led(String topic, int partition, int leader) {}

  /** Returns a partition, drawn with the seed among Tocsin's topics, and its leader. */
  private Led leaderOfRandomPartition() throws Exception {
    try (Admin admin = admin()) {
      Set<String> names = new TreeSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
      names.removeIf(n -> !n.startsWith("tocsin."));
      Map<String, TopicDescription> topics =
          admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
      List<Led> led = new ArrayList<>();
      for (String name : names) {
        for (TopicPartitionInfo p : topics.get(name).partitions()) {
          if (p.leader() != null) {
            led.add(new Led(name, p.partition(), p.leader().id()));
          }
        }
      }
      return led.get(random.nextInt(led.size()));
    }
  }

  private int activeController() throws Exception {
    try (Admin admin = admin()) {
      return admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
    }
  }

  private boolean fullyReplicated() {
    try (Admin admin = admin()) {
      Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      Map<String, TopicDescription> topics =
          admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
      for (TopicDescription t : topics.values()) {
        for (TopicPartitionInfo p : t.partitions()) {
          if (p.isr().size() < p.replicas().size() || p.leader() == null) {
            return false;
          }
        }
      }
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            20_000,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            5_000));
  }

  private boolean ready(Node service) {
    if (!service.alive()) {
      throw new IllegalStateException(service.name + " exited: see " + service.logFile);
    }
    try {
      HttpResponse<Void> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + service.port + "/health/ready"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void await(String what, Duration limit, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not " + what + " within " + limit.toSeconds() + " s");
      }
      Thread.sleep(250);
    }
  }

  // --- processes ------------------------------------------------------------------------------

  /** A JVM the harness starts, kills and restarts; its output goes to a log file. */
  private final class Node {
    final String name;
    final List<String> command;
    final Map<String, String> env;
    final Path logFile;
    final int port;
    Process process;

    Node(String name, List<String> command, Map<String, String> env, int port) {
      this.name = name;
      this.command = command;
      this.env = env;
      this.port = port;
      this.logFile = work.resolve(name + ".log");
    }

    void start() throws IOException {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(env);
      builder.redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      process = builder.start();
    }

    boolean alive() {
      return process != null && process.isAlive();
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  private List<String> java(String heap, String main, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx" + heap,
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Djava.net.preferIPv4Stack=true",
            "-cp",
            classPath,
            main));
    command.addAll(args);
    return command;
  }

  private void startBrokers() throws Exception {
    int[] client = new int[3];
    int[] controller = new int[3];
    for (int i = 0; i < 3; i++) {
      client[i] = EmbeddedKafkaBroker.freePort();
      controller[i] = EmbeddedKafkaBroker.freePort();
    }
    StringBuilder voters = new StringBuilder();
    StringBuilder servers = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      voters.append(i == 0 ? "" : ",").append(i + 1).append("@127.0.0.1:").append(controller[i]);
      servers.append(i == 0 ? "" : ",").append("127.0.0.1:").append(client[i]);
    }
    bootstrap = servers.toString();
    String clusterId = Uuid.randomUuid().toString();
    for (int i = 0; i < 3; i++) {
      Path dir = work.resolve("broker-" + (i + 1));
      Properties p = new Properties();
      p.put("process.roles", "broker,controller");
      p.put("node.id", Integer.toString(i + 1));
      p.put("controller.quorum.voters", voters.toString());
      p.put(
          "listeners",
          "PLAINTEXT://127.0.0.1:" + client[i] + ",CONTROLLER://127.0.0.1:" + controller[i]);
      p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + client[i]);
      p.put("controller.listener.names", "CONTROLLER");
      p.put("inter.broker.listener.name", "PLAINTEXT");
      p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      p.put("log.dirs", dir.resolve("data").toAbsolutePath().toString());
      p.put("auto.create.topics.enable", "false");
      p.put("num.partitions", "3");
      p.put("default.replication.factor", "3");
      p.put("min.insync.replicas", "2");
      p.put("unclean.leader.election.enable", "false");
      p.put("offsets.topic.replication.factor", "3");
      p.put("offsets.topic.num.partitions", "6");
      p.put("transaction.state.log.replication.factor", "3");
      p.put("transaction.state.log.min.isr", "2");
      p.put("transaction.state.log.num.partitions", "6");
      p.put("share.coordinator.state.topic.replication.factor", "3");
      p.put("share.coordinator.state.topic.min.isr", "2");
      p.put("group.initial.rebalance.delay.ms", "0");
      p.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
      p.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
      Files.createDirectories(dir);
      Path config = dir.resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(config)) {
        p.store(out, "chaos harness broker " + (i + 1));
      }
      format(config, clusterId);
      Node broker =
          new Node(
              "broker-" + (i + 1),
              java("512m", "kafka.Kafka", List.of(config.toString())),
              Map.of(),
              client[i]);
      brokers.add(broker);
      broker.start();
    }
    await("the brokers' quorum", RECOVERY_LIMIT, this::clusterUp);
    say("3 brokers up on " + bootstrap);
  }

  private boolean clusterUp() {
    try (Admin admin = admin()) {
      return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size() == 3;
    } catch (Exception e) {
      return false;
    }
  }

  // Transactions v1, as the embedded broker: see EmbeddedKafkaBroker.format.
  private static void format(Path config, String clusterId) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int code;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      code =
          StorageTool.execute(
              new String[] {
                "format",
                "--cluster-id",
                clusterId,
                "--config",
                config.toString(),
                "--feature",
                "transaction.version=1"
              },
              print);
    }
    if (code != 0) {
      throw new IllegalStateException(
          "cannot format " + config + ": " + output.toString(StandardCharsets.UTF_8));
    }
  }

  private Node service(String name, List<String> args) throws IOException {
    int port = EmbeddedKafkaBroker.freePort();
    Map<String, String> env = new HashMap<>();
    env.put("TOCSIN_KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    env.put("TOCSIN_TOPIC_REPLICATION", "3");
    // Its own instance id, the same after every restart: a restarted ingest, enrich, alerting or
    // notifier rejoins its group as the static member it was and takes its partitions back at once.
    env.put("TOCSIN_INSTANCE_ID", name);
    env.put("TOCSIN_NOTIFY_INSTANCE_ID", name);
    env.put("TOCSIN_DATA_DIR", work.resolve(name).toAbsolutePath().toString());
    env.put("TOCSIN_MANAGEMENT_ADDRESS", "127.0.0.1:" + port);
    env.put("TOCSIN_INGEST_ALLOWED_ADDRESSES", "loopback");
    env.put("TOCSIN_INGEST_MIN_INTERVAL", "1s");
    env.put("TOCSIN_INGEST_MAX_INTERVAL", "2s");
    env.put("TOCSIN_INGEST_MAX_BACKOFF", "2s");
    env.put("TOCSIN_NOTIFY_WEBHOOK_URL", "http://127.0.0.1:" + receiverPort + "/hook");
    env.put("TOCSIN_NOTIFY_GROUP_BY", "none");
    env.put("TOCSIN_LOG_LEVEL", "WARN");
    if (plan.sessionTimeout() != null) {
      env.put(
          "TOCSIN_KAFKA_CLIENT_SESSION_TIMEOUT_MS",
          Long.toString(plan.sessionTimeout().toMillis()));
    }
    Files.createDirectories(work.resolve(name));
    return new Node(name, java("384m", TocsinCommand.class.getName(), args), env, port);
  }

  private void stopAll() {
    for (Node n : services) {
      stopQuietly(n);
    }
    for (Node n : brokers) {
      stopQuietly(n);
    }
    if (receiver != null) {
      receiver.stop(0);
    }
    if (feedServer != null) {
      feedServer.stop(0);
    }
  }

  private static void stopQuietly(Node node) {
    if (node.alive()) {
      node.process.destroyForcibly();
      try {
        node.process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // --- receiver and feeds ---------------------------------------------------------------------

  private void startReceiver() throws IOException {
    if (receiverPort == 0) {
      receiverPort = EmbeddedKafkaBroker.freePort();
    }
    receiver =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), receiverPort), 64);
    receiver.createContext(
        "/hook",
        exchange -> {
          try (exchange;
              InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            int status = receiverStatus;
            if (status == 429) {
              exchange.getResponseHeaders().set("Retry-After", "1");
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (status < 300 && key != null) {
              accepted.merge(key, 1, Integer::sum);
            }
            exchange.sendResponseHeaders(status, -1);
          }
        });
    receiver.start();
  }

  /**
   * A published story; {@code copyOf} is the index of the original it copies (never itself a copy),
   * or -1; {@code watch} whether it is about the watch.
   */
  private record Story(
      int index,
      int feed,
      String url,
      String title,
      String lede,
      Instant at,
      int copyOf,
      boolean watch) {}

  private void startFeeds() throws IOException {
    feedServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    feedServer.createContext(
        "/feed/",
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getPath();
            int feed = Integer.parseInt(path.replaceAll("\\D", ""));
            byte[] body = rss(feed).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    feedServer.start();
  }

  private String rss(int feed) {
    List<Story> items = new ArrayList<>();
    for (Story s : published) {
      if (s.feed() == feed) {
        items.add(s);
      }
    }
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Chaos"
                + " outlet "
                + feed
                + "</title><link>http://outlet-"
                + feed
                + ".example/</link><description>chaos</description>");
    for (int i = items.size() - 1; i >= Math.max(0, items.size() - FEED_WINDOW); i--) {
      Story s = items.get(i);
      xml.append("<item><title>")
          .append(s.title())
          .append("</title><link>")
          .append(s.url())
          .append("</link><guid>")
          .append(s.url())
          .append("</guid><description>")
          .append(s.lede())
          .append("</description><pubDate>")
          .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(s.at().atOffset(ZoneOffset.UTC)))
          .append("</pubDate></item>");
    }
    return xml.append("</channel></rss>").toString();
  }

  private Path writeFeedsFile() throws IOException {
    StringBuilder yaml = new StringBuilder("feeds:\n");
    for (int f = 0; f < FEEDS; f++) {
      yaml.append("  - url: http://127.0.0.1:")
          .append(feedServer.getAddress().getPort())
          .append("/feed/")
          .append(f)
          .append(".rss\n    name: Chaos outlet ")
          .append(f)
          .append("\n    outlet: Chaos outlet ")
          .append(f)
          .append("\n    language: en\n    pollIntervalSeconds: 1\n");
    }
    return Files.writeString(work.resolve("feeds.yaml"), yaml);
  }

  private static final String[] PLACES = {
    "Kursk", "Sudzha", "Vladivostok", "Rason", "Khasan", "Belgorod", "Vostochny", "Tumangang"
  };
  private static final String[] WATCH = {
    "North Korea sends %d more troops to Russia's %s region, Seoul says",
    "Trains carry %d containers of North Korean artillery shells toward %s",
    "North Korea ships %d KN-23 missiles to Russia through %s",
    "Ukraine reports %d North Korean soldiers killed near %s",
  };
  private static final String[] WORDS =
      ("harbour council orchard violin bakery tunnel glacier festival library tram ferry meadow"
              + " lantern quarry vineyard chess canal pottery marathon bridge theatre garden cinema"
              + " choir bicycle market lighthouse museum stadium river concert island recipe"
              + " workshop carnival parade harvest regatta sculpture mural observatory aquarium"
              + " zoo pier castle forest valley summit orchestra")
          .split(" ");

  /** Publishes the plan's stories at a steady rate: on-watch, off-watch and copies of both. */
  private void publishStories() {
    Random text = new Random(plan.seed() * 31 + 7);
    long intervalNanos = (long) (1e9 / plan.storiesPerSecond());
    long next = System.nanoTime();
    for (int i = 0; i < plan.stories(); i++) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      next += intervalNanos;
      Instant now = Instant.now();
      int feed = i % FEEDS;
      String url = "http://outlet-" + feed + ".example/story/" + plan.seed() + "-" + i;
      // One in six is a copy, on the same feed, of a story published at least 40 stories before.
      if (i >= 60 && i % 6 == 5) {
        int original = feed + FEEDS * text.nextInt((i - 40) / FEEDS);
        Story o = published.get(original);
        published.add(
            new Story(
                i,
                o.feed(),
                url.replace("outlet-" + feed, "outlet-" + o.feed()),
                o.title(),
                o.lede(),
                now,
                o.copyOf() >= 0 ? o.copyOf() : original,
                o.watch()));
        continue;
      }
      String place = PLACES[text.nextInt(PLACES.length)];
      int figure = 1_000 + text.nextInt(90_000);
      StringBuilder words = new StringBuilder();
      for (int w = 0; w < 14; w++) {
        words.append(' ').append(WORDS[text.nextInt(WORDS.length)]);
      }
      String title;
      String lede;
      if (i % 5 == 0) {
        title = String.format(Locale.ROOT, WATCH[text.nextInt(WATCH.length)], figure, place);
        lede =
            String.format(
                    Locale.ROOT,
                    "Officials said %d North Korean soldiers and munitions reached Russia's army"
                        + " near %s under the mutual defence treaty.",
                    figure,
                    place)
                + words;
      } else {
        title = "Residents of " + place + " discuss" + words.substring(0, 40);
        lede = "The" + words + " drew " + figure + " visitors on Saturday.";
      }
      published.add(new Story(i, feed, url, title, lede, now, -1, i % 5 == 0));
    }
  }

  // --- checks ---------------------------------------------------------------------------------

  private int pendingNotifications() {
    int pending = 0;
    for (EscalationAlert a : readAll(Topics.withPrefix("tocsin.").alerts())) {
      if (!accepted.containsKey(a.getAlertKey() + ":" + a.getVersion())) {
        pending++;
      }
    }
    return pending;
  }

  private Run check() throws Exception {
    Topics topics = Topics.withPrefix("tocsin.");
    Set<String> urls = new HashSet<>();
    published.forEach(s -> urls.add(s.url()));
    // Settled: every story is on the raw and enriched topics, and every alert version notified.
    long deadline = System.nanoTime() + SETTLE.toNanos();
    Snapshot snapshot = snapshot(topics);
    // Alerting caught up, too: an alert version not yet scored would look missing.
    while (System.nanoTime() < deadline
        && !(snapshot.settled(urls, accepted) && alertingCaughtUp(topics))) {
      Thread.sleep(1_000);
      snapshot = snapshot(topics);
    }
    say("settled");
    List<String> problems = new ArrayList<>();
    int lost = 0;
    int duplicated = 0;
    Map<String, String> idOfUrl = new HashMap<>();
    for (Story s : published) {
      List<RawStory> raw = snapshot.rawByUrl.getOrDefault(s.url(), List.of());
      if (raw.isEmpty()) {
        lost++;
        problems.add("story " + s.url() + " is not on " + topics.storiesRaw().name());
        continue;
      }
      if (raw.size() > 1) {
        duplicated += raw.size() - 1;
        problems.add("story " + s.url() + " is " + raw.size() + " times on the raw topic");
      }
      idOfUrl.put(s.url(), raw.get(0).getId());
    }
    // The fault-free verdicts: the same analysis and de-duplication code, offline, in order.
    StoryJudge judge = new StoryJudge(StoryJudge.profile("russia-dprk"), "chaos");
    int wrong = 0;
    Set<String> expectedRelevant = new HashSet<>();
    Set<String> expectedClusters = new HashSet<>();
    for (Story s : published) {
      String id = idOfUrl.get(s.url());
      if (id == null) {
        continue;
      }
      RawStory raw = snapshot.rawByUrl.get(s.url()).get(0);
      StoryJudge.Judgement j =
          judge.judge(
              new StoryJudge.Input(
                  id,
                  s.url(),
                  raw.getOutlet(),
                  raw.getTitle(),
                  raw.getSummary(),
                  raw.getPublishedAt()));
      boolean unique = j.verdict().duplicateOf() == null;
      boolean relevant = j.analysis().relevance().relevant();
      if (relevant && unique) {
        expectedRelevant.add(id);
        expectedClusters.add(j.verdict().clusterId());
      }
      List<EnrichedStory> enriched = snapshot.enriched.getOrDefault(id, List.of());
      if (enriched.isEmpty()) {
        lost++;
        problems.add("story " + id + " has no verdict on " + topics.storiesEnriched().name());
        continue;
      }
      if (enriched.size() > 1) {
        duplicated += enriched.size() - 1;
        problems.add("story " + id + " has " + enriched.size() + " verdicts");
      }
      EnrichedStory e = enriched.get(0);
      String duplicateOf =
          e.getDedup() != null && "DUPLICATE".equals(String.valueOf(e.getDedup().getStatus()))
              ? e.getDedup().getCanonicalId()
              : null;
      if (!Objects.equals(duplicateOf, j.verdict().duplicateOf())
          || e.getRelevance().getRelevant() != relevant
          || (unique && relevant && !j.verdict().clusterId().equals(e.getClusterId()))) {
        wrong++;
        problems.add(
            "story "
                + id
                + " ("
                + (s.copyOf() >= 0 ? "copy of #" + s.copyOf() : "original")
                + "): verdict duplicateOf="
                + duplicateOf
                + " relevant="
                + e.getRelevance().getRelevant()
                + " cluster="
                + e.getClusterId()
                + ", fault-free: duplicateOf="
                + j.verdict().duplicateOf()
                + " relevant="
                + relevant
                + " cluster="
                + j.verdict().clusterId());
      }
      int copies = snapshot.duplicates.getOrDefault(id, 0);
      if (copies != (unique ? 0 : 1)) {
        if (copies > 1) {
          duplicated += copies - 1;
        } else {
          wrong++;
        }
        problems.add(
            "story " + id + " is " + copies + " times on " + topics.storiesDuplicates().name());
      }
      int relevantCount = snapshot.relevant.getOrDefault(id, 0);
      if (relevantCount != (relevant && unique ? 1 : 0)) {
        if (relevantCount > 1) {
          duplicated += relevantCount - 1;
        } else {
          wrong++;
        }
        problems.add(
            "story "
                + id
                + " is "
                + relevantCount
                + " times on "
                + topics.storiesRelevant().name());
      }
    }
    // Alerts: each version once, each about a cluster the fault-free run finds on the watch.
    int missing = 0;
    int repeated = 0;
    for (Map.Entry<String, Integer> a : snapshot.alertVersions.entrySet()) {
      if (a.getValue() > 1) {
        duplicated += a.getValue() - 1;
        problems.add(
            "alert version " + a.getKey() + " is " + a.getValue() + " times on the alerts topic");
      }
      String alertKey = a.getKey().substring(0, a.getKey().lastIndexOf(':'));
      if (alertKey.startsWith("cluster:")
          && !expectedClusters.contains(alertKey.substring("cluster:".length()))) {
        wrong++;
        problems.add("alert " + a.getKey() + " is about no cluster of the fault-free run");
      }
      // The webhook's Idempotency-Key header is alertKey:version.
      int received = accepted.getOrDefault(a.getKey(), 0);
      if (received == 0) {
        missing++;
        problems.add("alert version " + a.getKey() + " never reached the receiver");
      } else if (received > 1) {
        repeated += received - 1;
      }
    }
    Map<String, Integer> faultsByKind = new LinkedHashMap<>();
    faults.forEach((kind, count) -> faultsByKind.put(kind.label(), count));
    Outcome outcome = outcome(snapshot, idOfUrl);
    int groundTruth = groundTruthMismatches(outcome, problems);
    return new Run(
        new Result(
            faultsByKind,
            published.size(),
            lost,
            duplicated,
            wrong,
            snapshot.alertVersions.size(),
            missing,
            repeated,
            maxRecovery,
            Comparison.NONE,
            problems),
        outcome,
        groundTruth);
  }

  // --- comparisons ----------------------------------------------------------------------------

  /**
   * One story's verdict in story indices: the story it duplicates (-1: none), whether it is
   * relevant, and its cluster as the lowest index among the cluster's stories (-1: none).
   */
  private record Verdict(int duplicateOf, boolean relevant, int cluster) {}

  /**
   * What a run decided, in terms that do not depend on the run: verdicts by story index, and each
   * alert's versions by alert (a cluster's alert named by its cluster's lowest story index).
   */
  private record Outcome(Map<Integer, Verdict> verdicts, Map<String, List<String>> alerts) {}

  /** One run's figures (not yet compared) and what it decided. */
  private record Run(Result figures, Outcome outcome, int groundTruthMismatches) {

    /** Returns this run's figures, compared with those of the fault-free run of the same plan. */
    Result compareWith(Run faultFree) {
      List<String> all = new ArrayList<>(figures.problems());
      faultFree.figures().problems().forEach(p -> all.add("fault-free run: " + p));
      int verdicts = 0;
      Set<Integer> indices = new TreeSet<>(outcome.verdicts().keySet());
      indices.addAll(faultFree.outcome().verdicts().keySet());
      for (Integer story : indices) {
        Verdict here = outcome.verdicts().get(story);
        Verdict there = faultFree.outcome().verdicts().get(story);
        if (!Objects.equals(here, there)) {
          verdicts++;
          all.add("story #" + story + ": " + here + ", fault-free: " + there);
        }
      }
      int alertMismatches = 0;
      Set<String> alertNames = new TreeSet<>(outcome.alerts().keySet());
      alertNames.addAll(faultFree.outcome().alerts().keySet());
      for (String alert : alertNames) {
        List<String> here = outcome.alerts().get(alert);
        List<String> there = faultFree.outcome().alerts().get(alert);
        if (!Objects.equals(here, there)) {
          alertMismatches++;
          all.add("alert " + alert + ": " + here + ", fault-free: " + there);
        }
      }
      return figures.withComparison(
          new Comparison(
              verdicts,
              alertMismatches,
              alertNames.size(),
              groundTruthMismatches,
              faultFree.groundTruthMismatches()),
          all);
    }
  }

  private Outcome outcome(Snapshot snapshot, Map<String, String> idOfUrl) {
    Map<String, Integer> indexOfId = new HashMap<>();
    Map<String, Integer> indexOfUrl = new HashMap<>();
    for (Story s : published) {
      indexOfUrl.put(s.url(), s.index());
      String id = idOfUrl.get(s.url());
      if (id != null) {
        indexOfId.put(id, s.index());
      }
    }
    Map<String, Integer> clusterLabel = new HashMap<>();
    for (Map.Entry<String, Integer> story : indexOfId.entrySet()) {
      List<EnrichedStory> enriched = snapshot.enriched.getOrDefault(story.getKey(), List.of());
      if (!enriched.isEmpty() && enriched.get(0).getClusterId() != null) {
        clusterLabel.merge(enriched.get(0).getClusterId(), story.getValue(), Math::min);
      }
    }
    Map<Integer, Verdict> verdicts = new TreeMap<>();
    for (Map.Entry<String, Integer> story : indexOfId.entrySet()) {
      List<EnrichedStory> enriched = snapshot.enriched.getOrDefault(story.getKey(), List.of());
      if (enriched.isEmpty()) {
        continue;
      }
      EnrichedStory e = enriched.get(0);
      int duplicateOf =
          e.getDedup() != null && "DUPLICATE".equals(String.valueOf(e.getDedup().getStatus()))
              ? indexOfId.getOrDefault(e.getDedup().getCanonicalId(), -2)
              : -1;
      int cluster = e.getClusterId() == null ? -1 : clusterLabel.get(e.getClusterId());
      verdicts.put(
          story.getValue(), new Verdict(duplicateOf, e.getRelevance().getRelevant(), cluster));
    }
    Map<String, TreeMap<Integer, EscalationAlert>> byKey = new TreeMap<>();
    for (EscalationAlert a : snapshot.alertList) {
      byKey.computeIfAbsent(a.getAlertKey(), k -> new TreeMap<>()).put(a.getVersion(), a);
    }
    Map<String, List<String>> alerts = new TreeMap<>();
    for (Map.Entry<String, TreeMap<Integer, EscalationAlert>> alert : byKey.entrySet()) {
      EscalationAlert last = alert.getValue().lastEntry().getValue();
      Integer label = last.getClusterId() == null ? null : clusterLabel.get(last.getClusterId());
      String name = label == null ? alert.getKey() : "cluster of #" + label;
      // Each version's status and level, and the last version's evidence. The evidence of an
      // earlier version depends on the order in which the stories of different feeds arrived
      // (the polls of four feeds by two ingest instances interleave differently in every run),
      // while the count that raises a surge's level does not. So does all a surge's evidence (the
      // sources and stories of its window when it last changed): a surge is compared by its
      // versions, a cluster's alert also by its last evidence (all the cluster's stories).
      List<String> versions = new ArrayList<>();
      for (EscalationAlert a : alert.getValue().values()) {
        versions.add(
            String.format(Locale.ROOT, "v%d %s %s", a.getVersion(), a.getStatus(), a.getLevel()));
      }
      if (label != null) {
        versions.add(
            "sources="
                + last.getEvidence().getIndependentSources()
                + " outlets="
                + new TreeSet<>(last.getEvidence().getOutlets())
                + " stories="
                + last.getEvidence().getLinks().stream()
                    .map(link -> indexOfUrl.getOrDefault(link, -1))
                    .collect(Collectors.toCollection(TreeSet::new)));
      }
      alerts.put(name, versions);
    }
    return new Outcome(verdicts, alerts);
  }

  /**
   * Counts the stories whose verdict is unlike the ground truth: a copy is a duplicate of its
   * original and in its original's cluster, an original is a duplicate of nothing, and a story is
   * relevant when it is about the watch.
   */
  private int groundTruthMismatches(Outcome outcome, List<String> problems) {
    int mismatches = 0;
    for (Story s : published) {
      Verdict v = outcome.verdicts().get(s.index());
      if (v == null) {
        continue;
      }
      Verdict original = s.copyOf() < 0 ? null : outcome.verdicts().get(s.copyOf());
      boolean sameCluster = original == null || original.cluster() == v.cluster();
      if (v.duplicateOf() != s.copyOf() || v.relevant() != s.watch() || !sameCluster) {
        mismatches++;
        problems.add(
            "story #"
                + s.index()
                + " ("
                + (s.copyOf() >= 0 ? "copy of #" + s.copyOf() : "original")
                + (s.watch() ? ", on the watch" : ", off the watch")
                + "): "
                + v
                + (sameCluster ? "" : ", its original's cluster: #" + original.cluster()));
      }
    }
    return mismatches;
  }

  /**
   * Returns whether the alerting application has committed every cluster change and every record of
   * its repartition topic: each transaction ends with a marker, so a group that consumed a
   * partition to its end commits the offset of the end's marker.
   */
  private boolean alertingCaughtUp(Topics topics) {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(topics.prefix() + AlertingApp.APPLICATION_ID)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      TopicDescription clusters =
          admin
              .describeTopics(List.of(topics.clusters().name()))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS)
              .get(topics.clusters().name());
      for (TopicPartitionInfo p : clusters.partitions()) {
        latest.put(
            new TopicPartition(topics.clusters().name(), p.partition()), OffsetSpec.latest());
      }
      committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
      for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end :
          ends.entrySet()) {
        OffsetAndMetadata at = committed.get(end.getKey());
        long position = at == null ? 0 : at.offset();
        if (position < end.getValue().offset() - 1) {
          return false;
        }
      }
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** What the output topics hold, read with read_committed. */
  private record Snapshot(
      Map<String, List<RawStory>> rawByUrl,
      Map<String, List<EnrichedStory>> enriched,
      Map<String, Integer> duplicates,
      Map<String, Integer> relevant,
      Map<String, Integer> alertVersions,
      List<EscalationAlert> alertList) {

    boolean settled(Set<String> urls, Map<String, Integer> accepted) {
      if (!rawByUrl.keySet().containsAll(urls)) {
        return false;
      }
      for (String url : urls) {
        if (!enriched.containsKey(rawByUrl.get(url).get(0).getId())) {
          return false;
        }
      }
      return alertVersions.keySet().stream().allMatch(accepted::containsKey);
    }
  }

  private Snapshot snapshot(Topics topics) {
    Map<String, List<RawStory>> raw = new HashMap<>();
    for (RawStory s : readAll(topics.storiesRaw())) {
      raw.computeIfAbsent(s.getUrl(), k -> new ArrayList<>()).add(s);
    }
    Map<String, List<EnrichedStory>> enriched = new HashMap<>();
    for (EnrichedStory e : readAll(topics.storiesEnriched())) {
      enriched.computeIfAbsent(e.getStory().getId(), k -> new ArrayList<>()).add(e);
    }
    Map<String, Integer> duplicates = new HashMap<>();
    for (DuplicateStory d : readAll(topics.storiesDuplicates())) {
      duplicates.merge(d.getStoryId(), 1, Integer::sum);
    }
    Map<String, Integer> relevant = new HashMap<>();
    for (EnrichedStory e : readAll(topics.storiesRelevant())) {
      relevant.merge(e.getStory().getId(), 1, Integer::sum);
    }
    Map<String, Integer> alerts = new HashMap<>();
    List<EscalationAlert> alertList = readAll(topics.alerts());
    for (EscalationAlert a : alertList) {
      alerts.merge(a.getAlertKey() + ":" + a.getVersion(), 1, Integer::sum);
    }
    return new Snapshot(raw, enriched, duplicates, relevant, alerts, alertList);
  }

  private <V> List<V> readAll(Topic<String, V> topic) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<V> values = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(
            config, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (!caughtUp(consumer, end.keySet(), end) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.value() != null) {
            values.add(r.value());
          }
        }
      }
    }
    return values;
  }

  private static boolean caughtUp(
      KafkaConsumer<?, ?> consumer,
      Collection<TopicPartition> partitions,
      Map<TopicPartition, Long> end) {
    for (TopicPartition p : partitions) {
      if (consumer.position(p) < end.get(p)) {
        return false;
      }
    }
    return true;
  }
}
