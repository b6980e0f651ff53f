package dev.tocsin.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

  private static final Path STATE = Path.of("target", "state");

  @Test
  void shouldRunStreamsExactlyOnceWithAShortCommitIntervalByDefault() {
    Map<String, Object> config = KafkaSettings.local("localhost:9092").streamsConfig("app", STATE);

    assertThat(config)
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50)
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "app");
  }

  @Test
  void shouldLetOperatorsTuneTheCommitIntervalButNotTheGuarantee() {
    Map<String, String> overrides =
        KafkaSettings.clientOverridesFrom(
            Map.of(
                "TOCSIN_KAFKA_CLIENT_COMMIT_INTERVAL_MS", "500",
                "TOCSIN_KAFKA_CLIENT_PROCESSING_GUARANTEE", "at_least_once"));
    Map<String, Object> config =
        new KafkaSettings("localhost:9092", "tocsin.", (short) 1, overrides)
            .streamsConfig("app", STATE);

    assertThat(config)
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "500")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
  }
}
