package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tocsin.alerting.topology.AlertSettings;
import dev.tocsin.enrich.topology.EnrichSettings;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;
import org.junit.jupiter.api.Test;

/**
 * Runs the demo pipeline on the embedded broker, a real Kafka Connect worker with Debezium's JDBC
 * sink and Tocsin's converter (configured by the files in {@code deploy/connect}), and Debian's
 * PostgreSQL, and shows every alert version and every relevant story landing in a table once.
 */
class ConnectSinkIT {

  private static final Duration DEADLINE = Duration.ofSeconds(100);

  @Test
  void shouldLandEveryAlertVersionAndRelevantStoryOnceWhenSinkReadsDemoPipeline() throws Exception {
    Path postgresBin = postgresBin();
    assumeTrue(
        postgresBin != null, "PostgreSQL is not installed (Debian: apt-get install postgresql)");
    Path connectDir = repositoryRoot().resolve("deploy/connect");
    Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "connect-it");
    // The PostgreSQL server's own user must reach its directory inside.
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (LocalPostgres postgres = LocalPostgres.start(postgresBin, dataDir.resolve("pg"));
        Pipeline pipeline = new Pipeline();
        DemoFeedServer feeds = DemoFeedServer.start()) {
      KafkaSettings kafka = pipeline.kafka(null, dataDir, 0);
      pipeline.enrich(EnrichSettings.defaults(), dataDir);
      pipeline.alerting(AlertSettings.defaults(), dataDir);
      List<dev.tocsin.schemas.Feed> all = new ArrayList<>(DemoFeeds.firstWave(feeds, 2));
      all.addAll(DemoFeeds.secondWave(feeds, 2));
      pipeline.ingest(DemoFeeds.ingestSettings(2), all, "it");

      Map<String, String> worker = properties(connectDir.resolve("worker.properties"));
      worker.put("bootstrap.servers", kafka.bootstrapServers());
      worker.put("value.converter.schemas.client.bootstrap.servers", kafka.bootstrapServers());
      worker.put("offset.storage.file.filename", dataDir.resolve("connect.offsets").toString());
      worker.put("listeners", "http://127.0.0.1:0");
      // The converter and the sink are on the test's class path, which the worker also scans.
      worker.remove("plugin.path");
      Connect<StandaloneHerder> connect = new ConnectStandalone().startConnect(worker);
      try {
        for (String file :
            List.of("tocsin-alerts-sink.properties", "tocsin-stories-sink.properties")) {
          Map<String, String> sink = properties(connectDir.resolve(file));
          sink.put("connection.url", postgres.url());
          sink.put("connection.username", "postgres");
          sink.put("connection.password", "");
          FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
          connect.herder().putConnectorConfig(sink.get("name"), sink, false, created);
          created.get(30, TimeUnit.SECONDS);
        }
        Topics topics = Topics.withPrefix(kafka.topicPrefix());

        Set<String> alertVersions =
            awaitSameRows(
                kafka,
                topics.alerts(),
                a -> a.getAlertKey() + " v" + a.getVersion(),
                postgres,
                "select alertkey || ' v' || version from tocsin_alerts");
        Set<String> stories =
            awaitSameRows(
                kafka,
                topics.storiesRelevant(),
                s -> s.getStory().getId(),
                postgres,
                "select story_id from tocsin_stories_relevant");

        assertThat(alertVersions).isNotEmpty();
        assertThat(stories).isNotEmpty();
        try (Connection sql = postgres.connect();
            Statement statement = sql.createStatement()) {
          assertThat(count(statement, "select count(*) from tocsin_alerts"))
              .isEqualTo(alertVersions.size());
          assertThat(count(statement, "select count(*) from tocsin_stories_relevant"))
              .isEqualTo(stories.size());
          // Nested records flattened to columns, collections as JSON text, times as timestamps.
          try (ResultSet row =
              statement.executeQuery(
                  "select title, level, evidence_outlets, reasons, firedat from tocsin_alerts"
                      + " where version = 1 limit 1")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString("title")).isNotBlank();
            assertThat(row.getString("level")).isIn("INFO", "ELEVATED", "HIGH", "CRITICAL");
            assertThat(row.getString("evidence_outlets")).startsWith("[\"");
            assertThat(row.getString("reasons")).contains("\"code\"");
            assertThat(row.getTimestamp("firedat")).isNotNull();
          }
          try (ResultSet row =
              statement.executeQuery(
                  "select story_title, relevance_relevant from tocsin_stories_relevant limit 1")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString("story_title")).isNotBlank();
            assertThat(row.getBoolean("relevance_relevant")).isTrue();
          }
        }
      } finally {
        connect.stop();
      }
    }
  }

  /**
   * Waits until the table holds exactly the distinct identities of the records on the topic, and
   * the topic is not empty; returns them.
   */
  private static <V> Set<String> awaitSameRows(
      KafkaSettings kafka,
      Topic<String, V> topic,
      Function<V, String> identity,
      LocalPostgres postgres,
      String query)
      throws InterruptedException {
    Map<String, Object> config = kafka.clientConfig();
    config.put("group.id", "connect-it-" + topic.name());
    config.put("auto.offset.reset", "earliest");
    config.put("isolation.level", "read_committed");
    Set<String> onTopic = new HashSet<>();
    Set<String> inTable = Set.of();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (onTopic.isEmpty() || !inTable.equals(onTopic)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              topic.name() + " holds " + onTopic + " but the table holds " + inTable);
        }
        for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(500))) {
          onTopic.add(identity.apply(r.value()));
        }
        inTable = rows(postgres, query);
      }
    }
    return onTopic;
  }

  private static Set<String> rows(LocalPostgres postgres, String query) {
    Set<String> rows = new HashSet<>();
    try (Connection sql = postgres.connect();
        Statement statement = sql.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    } catch (SQLException e) {
      // The sink creates the table with its first record.
      return Set.of();
    }
    return rows;
  }

  private static long count(Statement statement, String query) throws SQLException {
    try (ResultSet result = statement.executeQuery(query)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static Map<String, String> properties(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    }
    Map<String, String> map = new HashMap<>();
    properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
    return map;
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(dir.resolve("deploy/connect"))) {
      dir = dir.getParent();
      if (dir == null) {
        throw new IllegalStateException("No deploy/connect above " + Path.of("").toAbsolutePath());
      }
    }
    return dir;
  }

  private static Path postgresBin() throws IOException {
    Path versions = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(versions)) {
      return null;
    }
    try (Stream<Path> dirs = Files.list(versions)) {
      return dirs.map(d -> d.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
          .max(Path::compareTo)
          .orElse(null);
    }
  }

  /** A PostgreSQL server of its own under {@code target/}, on a free loopback port. */
  private static final class LocalPostgres implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;

    private LocalPostgres(Path bin, Path dir, int port) {
      this.bin = bin;
      this.dir = dir;
      this.port = port;
    }

    static LocalPostgres start(Path bin, Path dir) throws IOException, InterruptedException {
      Files.createDirectories(dir);
      if (asRoot()) {
        // PostgreSQL refuses to run as root: the server runs as the postgres user, who owns it.
        run(List.of("chown", "postgres:postgres", dir.toString()), false);
      }
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      run(
          List.of(
              bin.resolve("initdb").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-U",
              "postgres",
              "-A",
              "trust",
              "--no-sync"),
          true);
      run(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-l",
              dir.resolve("server.log").toString(),
              "-o",
              "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
              "-w",
              "start"),
          true);
      return new LocalPostgres(bin, dir, port);
    }

    String url() {
      return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    Connection connect() throws SQLException {
      return DriverManager.getConnection(url(), "postgres", "");
    }

    @Override
    public void close() throws IOException {
      try {
        run(
            List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                dir.resolve("data").toString(),
                "-m",
                "fast",
                "-w",
                "stop"),
            true);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted stopping PostgreSQL in " + dir, e);
      }
    }

    private static boolean asRoot() {
      return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command, boolean asPostgres)
        throws IOException, InterruptedException {
      List<String> full = new ArrayList<>();
      if (asPostgres && asRoot()) {
        full.addAll(List.of("runuser", "-u", "postgres", "--"));
      }
      full.addAll(command);
      Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (process.waitFor() != 0) {
        throw new IOException(String.join(" ", full) + " failed: " + output);
      }
    }
  }
}
