package dev.tocsin.app;

import dev.tocsin.platform.kafka.KafkaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The end-to-end skeleton test against Kafka in a container; runs only where Docker exists. */
@Testcontainers(disabledWithoutDocker = true)
class DemoPipelineContainerIT {

  @Container static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

  @Test
  void shouldAlertOnSeedArticleOnceAgainstContainerKafka() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target"), "demo-container-it");
    try (Pipeline pipeline = new Pipeline();
        DemoFeedServer feeds = DemoFeedServer.start()) {
      KafkaSettings kafka =
          pipeline.kafka(KafkaSettings.local(KAFKA.getBootstrapServers()), dataDir, 0);
      DemoPipelineIT.assertSeedAlertsOnce(pipeline, kafka, feeds, dataDir);
    }
  }
}
