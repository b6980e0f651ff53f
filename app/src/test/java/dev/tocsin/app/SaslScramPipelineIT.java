package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.platform.kafka.KafkaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline against a broker whose listener requires SASL/SCRAM, configured the way an
 * operator does it: {@code TOCSIN_KAFKA_CLIENT_*} variables passed through to every client.
 */
class SaslScramPipelineIT {

  @Test
  void shouldRunThePipelineWithScramCredentialsFromTheEnvironment() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target"), "sasl-it");
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.startWithScram(dataDir.resolve("kafka"), "tocsin", "s3cret-pass")) {
      Map<String, String> env = new HashMap<>();
      env.put("TOCSIN_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
      env.put("TOCSIN_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
      env.put("TOCSIN_KAFKA_CLIENT_SASL_MECHANISM", "SCRAM-SHA-256");
      env.put(
          "TOCSIN_KAFKA_CLIENT_SASL_JAAS_CONFIG",
          "org.apache.kafka.common.security.scram.ScramLoginModule required"
              + " username=\"tocsin\" password=\"s3cret-pass\";");
      KafkaSettings secured = KafkaSettings.fromEnvironment(env);

      assertRejected(broker.bootstrapServers(), "s3cret-wrong");

      try (Pipeline pipeline = new Pipeline();
          DemoFeedServer feeds = DemoFeedServer.start()) {
        KafkaSettings kafka = pipeline.kafka(secured, dataDir, 0);
        DemoPipelineIT.assertSeedAlertsOnce(pipeline, kafka, feeds, dataDir);
      }
    }
  }

  private static void assertRejected(String bootstrap, String password) {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put("security.protocol", "SASL_PLAINTEXT");
    config.put("sasl.mechanism", "SCRAM-SHA-256");
    config.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"tocsin\""
            + " password=\""
            + password
            + "\";");
    try (Admin admin = Admin.create(config)) {
      assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }
}
