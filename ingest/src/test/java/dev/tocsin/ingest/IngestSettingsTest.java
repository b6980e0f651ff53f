package dev.tocsin.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.platform.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {

  @Test
  void shouldReadIngestSettingsFromTheEnvironment() {
    Map<String, String> env =
        Map.of(
            "TOCSIN_INGEST_WORKERS", "32",
            "TOCSIN_INGEST_MIN_INTERVAL", "30s",
            "TOCSIN_INGEST_ALLOWED_ADDRESSES", "10.0.0.0/8, loopback");

    assertThat(IngestSettings.fromEnvironment(env).workers()).isEqualTo(32);
    assertThat(IngestSettings.fromEnvironment(env).policy().minInterval())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(IngestSettings.fromEnvironment(env).allowedAddresses())
        .containsExactly("10.0.0.0/8", "loopback");
    assertThat(IngestSettings.fromEnvironment(Map.of())).isEqualTo(IngestSettings.defaults());
  }

  @Test
  void shouldNameTheVariableAndValueThatAreWrong() {
    assertThatThrownBy(
            () -> IngestSettings.fromEnvironment(Map.of("TOCSIN_INGEST_WORKERS", "many")))
        .hasMessageContaining("TOCSIN_INGEST_WORKERS")
        .hasMessageContaining("'many'");
    assertThatThrownBy(
            () -> IngestSettings.fromEnvironment(Map.of("TOCSIN_INGEST_MAX_INTERVAL", "10s")))
        .hasMessageContaining("maxInterval");
    assertThatThrownBy(
            () ->
                IngestSettings.fromEnvironment(
                    Map.of("TOCSIN_INGEST_ALLOWED_ADDRESSES", "intranet")))
        .hasMessageContaining("intranet");
  }

  @Test
  void shouldNameTheInstanceByTheInstanceIdElseTheHostName() {
    KafkaSettings kafka = KafkaSettings.local("localhost:9092");

    assertThat(IngestSettings.instanceId(kafka.withInstanceId("eu-1"))).isEqualTo("eu-1");
    assertThat(IngestSettings.instanceId(kafka)).matches("[A-Za-z0-9._-]+");
  }
}
