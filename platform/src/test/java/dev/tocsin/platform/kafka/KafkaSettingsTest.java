package dev.tocsin.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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

  @Test
  void shouldUseEmbeddedBrokerWhenNoBootstrapServersAreSet() {
    assertThat(KafkaSettings.fromEnvironment(Map.of())).isNull();
  }

  @Test
  void shouldPassClientSettingsThroughWhenPrefixed() {
    var kafka =
        KafkaSettings.fromEnvironment(
            Map.of(
                "TOCSIN_KAFKA_BOOTSTRAP_SERVERS", "k1:9092",
                "TOCSIN_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL"));

    assertThat(kafka.clientConfig())
        .containsEntry("bootstrap.servers", "k1:9092")
        .containsEntry("security.protocol", "SASL_SSL");
  }

  @Test
  void shouldNameVariableWhenReplicationIsNotANumber() {
    assertThatThrownBy(
            () ->
                KafkaSettings.fromEnvironment(
                    Map.of(
                        "TOCSIN_KAFKA_BOOTSTRAP_SERVERS", "k:1", "TOCSIN_TOPIC_REPLICATION", "x")))
        .hasMessageContaining("TOCSIN_TOPIC_REPLICATION")
        .hasMessageContaining("'x'");
  }

  @Test
  void shouldJoinStreamsGroupsAsStaticMembersNamedByInstanceAndRoleWhenAnInstanceIdIsSet() {
    KafkaSettings kafka =
        KafkaSettings.fromEnvironment(
            Map.of("TOCSIN_KAFKA_BOOTSTRAP_SERVERS", "k:1", "TOCSIN_INSTANCE_ID", " eu-1 "));
    String key = StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);

    assertThat(kafka.instanceId()).isEqualTo("eu-1");
    assertThat(kafka.streamsConfig("tocsin.enrich", STATE)).containsEntry(key, "eu-1-enrich");
    assertThat(kafka.groupInstanceId("notifier")).contains("eu-1-notifier");
    assertThat(kafka.clientConfig())
        .as("plain clients (producers, assign-only readers) are not group members")
        .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
  }

  @Test
  void shouldJoinDynamicallyWhenNoInstanceIdIsSet() {
    KafkaSettings kafka =
        KafkaSettings.fromEnvironment(
            Map.of("TOCSIN_KAFKA_BOOTSTRAP_SERVERS", "k:1", "TOCSIN_INSTANCE_ID", " "));

    assertThat(kafka.instanceId()).isNull();
    assertThat(kafka.groupInstanceId("notifier")).isEmpty();
    assertThat(kafka.streamsConfig("tocsin.enrich", STATE).keySet())
        .noneMatch(k -> k.contains(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
  }

  @Test
  void shouldNameTheVariableWhenTheInstanceIdIsNotAName() {
    assertThatThrownBy(
            () ->
                KafkaSettings.fromEnvironment(
                    Map.of("TOCSIN_KAFKA_BOOTSTRAP_SERVERS", "k:1", "TOCSIN_INSTANCE_ID", "a b")))
        .hasMessageContaining("TOCSIN_INSTANCE_ID")
        .hasMessageContaining("'a b'");
  }
}
