package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.schemas.AlertKind;
import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Runs the demo pipeline, then replays its raw stories into shadow topics: alerts come out the
 * same, and a live alert the current code would not raise shows as gone. (The replay feeds the
 * stories in one burst, so order-dependent decisions, the first-seen canonical copy and cluster
 * joins, may differ from live; the test does not require every alert to match.)
 */
class ReplayCommandIT {

  @Test
  void shouldReplayRawStoriesAndPrintTheAlertDifference() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target"), "replay-it");
    Instant start = Instant.now().minusSeconds(5);
    try (Pipeline pipeline = new Pipeline();
        DemoFeedServer feeds = DemoFeedServer.start()) {
      KafkaSettings kafka = pipeline.kafka(null, dataDir, 0);
      DemoPipelineIT.assertSeedAlertsOnce(pipeline, kafka, feeds, dataDir);
      writeStrayLiveAlert(kafka);

      StringWriter out = new StringWriter();
      CommandLine cli = TocsinCommand.commandLine();
      cli.setOut(new PrintWriter(out));
      int exit =
          cli.execute(
              "replay",
              "--from",
              start.toString(),
              "--into",
              "it",
              "--bootstrap-servers",
              kafka.bootstrapServers());
      System.out.println(out);

      assertThat(exit).isZero();
      // The stray live alert is no cluster's: the replay cannot raise it, whatever the order in
      // which the burst of replayed stories is processed.
      assertThat(out.toString())
          .containsPattern("Replaying [1-9][0-9]* raw stories")
          .containsPattern("GONE +cluster:stray")
          .containsPattern(
              "[1-9][0-9]* alerts live, [0-9]+ in the replay: [1-9][0-9]* the same, [0-9]+ changed level or"
                  + " status, [0-9]+ rescored within their level, [0-9]+ new, [1-9][0-9]* gone");
    }
  }

  private static void writeStrayLiveAlert(KafkaSettings kafka) {
    Topics topics = Topics.withPrefix(kafka.topicPrefix());
    EscalationAlert stray =
        EscalationAlert.newBuilder()
            .setAlertKey("cluster:stray")
            .setVersion(1)
            .setKind(AlertKind.CLUSTER)
            .setStatus(AlertStatus.FIRING)
            .setLevel(AlertLevel.ELEVATED)
            .setScore(0.5)
            .setReasons(java.util.List.of())
            .setTitle("An alert the current profile no longer raises")
            .setSummary("")
            .setProfile("russia-dprk")
            .setActors(java.util.List.of())
            .setEvidence(
                dev.tocsin.schemas.Evidence.newBuilder()
                    .setLinks(java.util.List.of())
                    .setOutlets(java.util.List.of())
                    .build())
            .setFiredAt(Instant.now())
            .setUpdatedAt(Instant.now())
            .build();
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(
          new ProducerRecord<>(
              topics.alerts().name(),
              stray.getAlertKey(),
              topics.alerts().valueSerde().serializer().serialize(topics.alerts().name(), stray)));
      producer.flush();
    }
  }
}
