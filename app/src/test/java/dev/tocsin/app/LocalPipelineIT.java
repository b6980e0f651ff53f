package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.SchemaVersion;
import dev.tocsin.schemas.TopicSchemaStore;
import dev.tocsin.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Starts the pipeline's embedded broker as {@code tocsin run} does, then runs commands in-process
 * with no bootstrap servers and sees them reach it: through the data directory's file, through the
 * port alone, and not at all once the pipeline has stopped.
 */
class LocalPipelineIT {

  @Test
  void shouldReachTheLocalPipelineWhenNoKafkaIsConfigured() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "local-pipeline-it");
    Path dataDir = dir.resolve("data").toAbsolutePath();
    int port = EmbeddedKafkaBroker.freePort();
    Path config =
        Files.writeString(
            dir.resolve("tocsin.yaml"),
            "data_dir: "
                + dataDir
                + "\nembedded_kafka_port: "
                + port
                + "\ningest:\n  allowed_addresses: loopback\n");
    Map<String, String> settings = Settings.load(config, Map.of());
    String feed = "http://127.0.0.1:1/world.rss";
    try (Pipeline pipeline = new Pipeline()) {
      KafkaSettings kafka =
          pipeline.kafka(
              KafkaSettings.fromEnvironment(settings),
              Settings.dataDir(settings),
              Settings.embeddedKafkaPort(settings));

      assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
      // Like every service JVM, it has published its schemas for consumers with older ones.
      Topics topics = Topics.withPrefix(kafka.topicPrefix());
      assertThat(
              new TopicSchemaStore(kafka.clientConfig(), topics.schemas(), Duration.ofSeconds(30))
                  .findByFingerprint(
                      SchemaNormalization.parsingFingerprint64(
                          SchemaVersion.of(EscalationAlert.class).schema())))
          .isEqualTo(SchemaVersion.of(EscalationAlert.class).schema());
      assertThat(dataDir.resolve(LocalKafka.FILE_NAME))
          .content()
          .isEqualToIgnoringNewLines("127.0.0.1:" + port);

      assertThat(run(0, "feeds", "add", feed, "--name", "World", "--config", config.toString()))
          .contains("Added " + feed);
      assertThat(run(0, "feeds", "status", "--config", config.toString()))
          .contains("World", "PENDING", "1 feeds, 0 failing");
      String id =
          run(
                  0,
                  "silence",
                  "add",
                  "-m",
                  "level=HIGH",
                  "--duration",
                  "2h",
                  "--author",
                  "it",
                  "--comment",
                  "local pipeline",
                  "--config",
                  config.toString())
              .strip();
      assertThat(run(0, "silence", "list", "--config", config.toString()))
          .contains(id, "local pipeline");

      // Without the file (a pipeline started from another directory), the port alone finds it.
      Files.delete(dataDir.resolve(LocalKafka.FILE_NAME));
      assertThat(run(0, "feeds", "list", "--config", config.toString())).contains(feed);
    }

    assertThat(dataDir.resolve(LocalKafka.FILE_NAME)).doesNotExist();
    assertThat(runExpectingFailure(3, "feeds", "list", "--config", config.toString()))
        .contains("No Kafka configured and no local pipeline answers on 127.0.0.1:" + port);
  }

  @Test
  void shouldTakeAFreePortAndNameItInTheDataDirectoryWhenThePreferredPortIsTaken()
      throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "local-pipeline-it");
    Path dataDir = dir.resolve("data").toAbsolutePath();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Path config =
          Files.writeString(
              dir.resolve("tocsin.yaml"),
              "data_dir: " + dataDir + "\nembedded_kafka_port: " + port + "\n");
      try (Pipeline pipeline = new Pipeline()) {
        KafkaSettings kafka = pipeline.kafka(null, dataDir, port);

        assertThat(kafka.bootstrapServers()).isNotEqualTo("127.0.0.1:" + port);
        assertThat(TocsinCommand.embeddedNotice(kafka.bootstrapServers(), port, true))
            .contains("port " + port + " is taken", kafka.bootstrapServers());
        assertThat(run(0, "topics", "init", "--config", config.toString()))
            .contains("Created " + kafka.topicPrefix());
      }
    }
  }

  private static String run(int expectedExit, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = TocsinCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute(args)).as(String.join(" ", args) + ": " + err).isEqualTo(expectedExit);
    return out.toString();
  }

  private static String runExpectingFailure(int expectedExit, String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = TocsinCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute(args)).as(String.join(" ", args)).isEqualTo(expectedExit);
    return err.toString();
  }
}
