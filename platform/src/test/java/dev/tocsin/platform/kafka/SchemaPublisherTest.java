package dev.tocsin.platform.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.schemas.SchemaCatalog;
import dev.tocsin.schemas.SchemaVersion;
import dev.tocsin.schemas.Topics;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

class SchemaPublisherTest {

  @Test
  void shouldGiveUpAfterASecondAttemptWithANewProducerAndNameBothFailures() throws Exception {
    // A loopback port nobody listens on: every attempt fails to reach a broker.
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, Object> config =
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
    List<SchemaVersion> versions =
        SchemaCatalog.TOPIC_VALUE_TYPES.stream().map(SchemaVersion::of).toList();

    assertThatThrownBy(
            () ->
                SchemaPublisher.publish(
                    config, Topics.withPrefix("t.").schemas(), versions, Duration.ofMillis(500)))
        .isInstanceOf(KafkaException.class)
        .hasMessageContaining("Cannot publish schemas to t.schemas")
        .hasMessageContaining("; again with a new producer: ");
  }
}
