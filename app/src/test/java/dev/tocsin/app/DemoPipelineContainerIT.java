package dev.tocsin.app;

import dev.tocsin.platform.kafka.KafkaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The end-to-end skeleton test against Kafka in a container; runs only where Docker exists. The
 * image is {@code KAFKA_IMAGE} (as in docker-compose.yml), default apache/kafka:4.1.0; an image
 * that behaves as apache/kafka, such as deploy/local/images.sh's tocsin-local/kafka, may stand in.
 */
@Testcontainers(disabledWithoutDocker = true)
class DemoPipelineContainerIT {

  @Container
  static final KafkaContainer KAFKA =
      new KafkaContainer(
          DockerImageName.parse(System.getenv().getOrDefault("KAFKA_IMAGE", "apache/kafka:4.1.0"))
              .asCompatibleSubstituteFor("apache/kafka"));

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
