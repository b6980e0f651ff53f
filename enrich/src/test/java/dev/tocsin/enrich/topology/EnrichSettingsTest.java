package dev.tocsin.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnrichSettingsTest {

  @Test
  void shouldReadEnrichSettingsFromTheEnvironment() {
    Map<String, String> env =
        Map.of(
            "TOCSIN_ENRICH_DEDUP_RETENTION", "3d",
            "TOCSIN_ENRICH_STANDBY_REPLICAS", "1",
            "TOCSIN_ENRICH_INDEX_PARTITIONS", "3",
            "TOCSIN_ENRICH_CLUSTER_MEMBERS", "20");

    assertThat(EnrichSettings.fromEnvironment(env).dedupRetention()).isEqualTo(Duration.ofDays(3));
    assertThat(EnrichSettings.fromEnvironment(env).standbyReplicas()).isEqualTo(1);
    assertThat(EnrichSettings.fromEnvironment(Map.of()).standbyReplicas()).isZero();
    assertThat(EnrichSettings.fromEnvironment(env).indexPartitions()).isEqualTo(3);
    assertThat(EnrichSettings.fromEnvironment(env).clusterMembers()).isEqualTo(20);
    assertThat(EnrichSettings.fromEnvironment(Map.of()).indexPartitions()).isEqualTo(1);
    assertThat(EnrichSettings.fromEnvironment(Map.of()).clusterMembers()).isEqualTo(100);
    assertThat(EnrichSettings.fromEnvironment(Map.of()).dedupRetention())
        .isEqualTo(Duration.ofHours(48));
  }

  @Test
  void shouldNameTheVariableAndValueThatAreWrong() {
    assertThatThrownBy(
            () -> EnrichSettings.fromEnvironment(Map.of("TOCSIN_ENRICH_DEDUP_RETENTION", "soon")))
        .hasMessageContaining("TOCSIN_ENRICH_DEDUP_RETENTION");
    assertThatThrownBy(
            () -> EnrichSettings.fromEnvironment(Map.of("TOCSIN_ENRICH_STANDBY_REPLICAS", "-1")))
        .hasMessageContaining("TOCSIN_ENRICH_STANDBY_REPLICAS");
    assertThatThrownBy(
            () -> EnrichSettings.fromEnvironment(Map.of("TOCSIN_ENRICH_INDEX_PARTITIONS", "0")))
        .hasMessageContaining("TOCSIN_ENRICH_INDEX_PARTITIONS");
  }
}
