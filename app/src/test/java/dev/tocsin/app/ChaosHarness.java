package dev.tocsin.app;

import com.sun.net.httpserver.HttpServer;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * Runs Tocsin as separate processes on a three-broker KRaft cluster, injects faults at seeded
 * random times, and checks afterwards that no story was lost or duplicated, that every story got
 * the verdicts an offline, fault-free judgement of the same stories gives, and that every alert
 * version reached the webhook receiver. Run on demand with {@code bench/chaos.sh [FAULTS] [SEED]};
 * {@code ChaosIT} runs a smaller plan in the build.
 *
 * <p>The brokers run {@code kafka.Kafka}, the services {@code TocsinCommand}, each in its own JVM
 * on this JVM's class path. Every state directory and log is under the work directory, deleted at
 * the end unless the run found a problem.
 */
public final class ChaosHarness {

  /** What to run: how many faults, the seed, the stories and how many instances of each service. */
  public record Plan(
      int faults, long seed, int stories, int ingests, int enriches, double storiesPerSecond) {}

  /** What a run found. */
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
      List<String> problems) {

    /** Returns the number of faults injected. */
    public int faults() {
      return faultsByKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Returns the table and the one-line summary a script checks. */
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
      problems.stream().limit(40).forEach(p -> out.append("problem: ").append(p).append('\n'));
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
  private final Map<String, Integer> faults = new TreeMap<>();
  private final List<Story> published = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> accepted = new ConcurrentHashMap<>();
  private volatile int receiverStatus = 204;
  private HttpServer receiver;
  private int receiverPort;
  private HttpServer feedServer;
  private String bootstrap;
  private Duration maxRecovery = Duration.ZERO;

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
      Plan plan = new Plan(faultCount, seed, stories, 2, 2, 2.0);
      Result result = run(plan, Path.of("target", "chaos"), System.out);
      System.out.println(result.report());
      System.exit(result.lost() + result.duplicated() + result.missingNotifications() == 0 ? 0 : 1);
    } catch (NumberFormatException e) {
      System.err.println(
          "usage: bench/chaos.sh [FAULTS] [SEED] (whole numbers): " + e.getMessage());
      System.exit(2);
    }
  }

  /** Runs the plan with its state under {@code parent}, printing progress to {@code log}. */
  public static Result run(Plan plan, Path parent, PrintStream log) throws Exception {
    Files.createDirectories(parent);
    Path work = Files.createTempDirectory(parent, "run-");
    ChaosHarness harness = new ChaosHarness(plan, work, log);
    boolean clean = false;
    try {
      Result result = harness.execute();
      clean = result.problems().isEmpty();
      return result;
    } finally {
      harness.stopAll();
      if (clean) {
        DemoCommand.deleteRecursively(work);
      } else {
        log.println("chaos: logs and state kept in " + work.toAbsolutePath());
      }
    }
  }

  private Result execute() throws Exception {
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
    services.add(service("alerting-1", List.of("alerting")));
    for (Node s : services) {
      s.start();
    }
    for (Node s : services) {
      await("ready " + s.name, RECOVERY_LIMIT, () -> ready(s));
    }
    log.println("chaos: cluster and services ready; publishing " + plan.stories() + " stories");
    Thread publisher = new Thread(this::publishStories, "chaos-publisher");
    publisher.start();
    long publishMillis = (long) (plan.stories() / plan.storiesPerSecond() * 1000);
    long faultGap = Math.max(2_000, publishMillis / Math.max(1, plan.faults() + 1));
    for (int i = 0; i < plan.faults(); i++) {
      Thread.sleep(faultGap / 2 + random.nextInt((int) faultGap));
      injectFault();
    }
    publisher.join();
    log.println("chaos: all stories published; waiting for the pipeline to settle");
    return check();
  }

  // --- faults ---------------------------------------------------------------------------------

  private void injectFault() throws Exception {
    int pick = random.nextInt(8);
    long started = System.nanoTime();
    String kind;
    switch (pick) {
      case 0 -> {
        kind = "kill -9 active controller";
        Node broker = brokers.get(activeController() - 1);
        broker.kill();
        Thread.sleep(1_000 + random.nextInt(4_000));
        broker.start();
        await("replicas in sync", RECOVERY_LIMIT, this::fullyReplicated);
      }
      case 1 -> {
        kind = "kill -9 broker";
        Node broker = brokers.get(random.nextInt(brokers.size()));
        broker.kill();
        Thread.sleep(1_000 + random.nextInt(4_000));
        broker.start();
        await("replicas in sync", RECOVERY_LIMIT, this::fullyReplicated);
      }
      case 2 -> {
        kind = "broker restart";
        Node broker = brokers.get(random.nextInt(brokers.size()));
        broker.stop();
        broker.start();
        await("replicas in sync", RECOVERY_LIMIT, this::fullyReplicated);
      }
      case 3, 4, 5 -> {
        Node service = services.get(random.nextInt(services.size()));
        kind = "kill -9 " + service.name.replaceAll("-\\d+$", "");
        service.kill();
        Thread.sleep(random.nextInt(3_000));
        service.start();
        await("ready " + service.name, RECOVERY_LIMIT, () -> ready(service));
      }
      default -> {
        int mode = random.nextInt(3);
        kind = mode == 0 ? "receiver down" : mode == 1 ? "receiver 500" : "receiver 429";
        int before = accepted.size();
        if (mode == 0) {
          receiver.stop(0);
        } else {
          receiverStatus = mode == 1 ? 500 : 429;
        }
        Thread.sleep(2_000 + random.nextInt(8_000));
        if (mode == 0) {
          startReceiver();
        }
        receiverStatus = 204;
        // Recovered when the receiver accepts a notification again (or nothing was pending).
        await(
            "a notification after " + kind,
            RECOVERY_LIMIT,
            () -> accepted.size() > before || pendingNotifications() == 0);
      }
    }
    Duration recovery = Duration.ofNanos(System.nanoTime() - started);
    if (recovery.compareTo(maxRecovery) > 0) {
      maxRecovery = recovery;
    }
    faults.merge(kind, 1, Integer::sum);
    log.printf(Locale.ROOT, "chaos: %s, recovered in %.1f s%n", kind, recovery.toMillis() / 1000.0);
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
    log.println("chaos: 3 brokers up on " + bootstrap);
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

  /** A published story; {@code copyOf} is the index of the story it copies, or -1. */
  private record Story(
      int index, int feed, String url, String title, String lede, Instant at, int copyOf) {}

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
                original));
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
      published.add(new Story(i, feed, url, title, lede, now, -1));
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

  private Result check() throws Exception {
    Topics topics = Topics.withPrefix("tocsin.");
    Set<String> urls = new HashSet<>();
    published.forEach(s -> urls.add(s.url()));
    // Settled: every story is on the raw and enriched topics, and every alert version notified.
    long deadline = System.nanoTime() + SETTLE.toNanos();
    Snapshot snapshot = snapshot(topics);
    while (System.nanoTime() < deadline && !snapshot.settled(urls, accepted)) {
      Thread.sleep(5_000);
      snapshot = snapshot(topics);
    }
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
      if (!java.util.Objects.equals(duplicateOf, j.verdict().duplicateOf())
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
    return new Result(
        new LinkedHashMap<>(faults),
        published.size(),
        lost,
        duplicated,
        wrong,
        snapshot.alertVersions.size(),
        missing,
        repeated,
        maxRecovery,
        problems);
  }

  /** What the output topics hold, read with read_committed. */
  private record Snapshot(
      Map<String, List<RawStory>> rawByUrl,
      Map<String, List<EnrichedStory>> enriched,
      Map<String, Integer> duplicates,
      Map<String, Integer> relevant,
      Map<String, Integer> alertVersions) {

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
    for (EscalationAlert a : readAll(topics.alerts())) {
      alerts.merge(a.getAlertKey() + ":" + a.getVersion(), 1, Integer::sum);
    }
    return new Snapshot(raw, enriched, duplicates, relevant, alerts);
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
