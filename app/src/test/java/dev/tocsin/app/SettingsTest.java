package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void shouldReadIngestAndEnrichSettingsFromTheEnvironment() {
    Map<String, String> env =
        Map.of(
            "TOCSIN_INGEST_WORKERS", "32",
            "TOCSIN_INGEST_MIN_INTERVAL", "30s",
            "TOCSIN_INGEST_ALLOWED_ADDRESSES", "10.0.0.0/8, loopback",
            "TOCSIN_ENRICH_DEDUP_RETENTION", "3d",
            "TOCSIN_ENRICH_STANDBY_REPLICAS", "1");

    assertThat(Settings.ingest(env).workers()).isEqualTo(32);
    assertThat(Settings.ingest(env).policy().minInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(Settings.ingest(env).allowedAddresses()).containsExactly("10.0.0.0/8", "loopback");
    assertThat(Settings.enrich(env).dedupRetention()).isEqualTo(Duration.ofDays(3));
    assertThat(Settings.enrich(env).standbyReplicas()).isEqualTo(1);
    assertThat(Settings.enrich(Map.of()).standbyReplicas()).isZero();
    assertThat(Settings.ingest(Map.of())).isEqualTo(dev.tocsin.ingest.IngestSettings.defaults());
  }

  @Test
  void shouldNameTheVariableAndValueThatAreWrong() {
    assertThatThrownBy(() -> Settings.ingest(Map.of("TOCSIN_INGEST_WORKERS", "many")))
        .hasMessageContaining("TOCSIN_INGEST_WORKERS")
        .hasMessageContaining("'many'");
    assertThatThrownBy(() -> Settings.ingest(Map.of("TOCSIN_INGEST_MAX_INTERVAL", "10s")))
        .hasMessageContaining("maxInterval");
    assertThatThrownBy(() -> Settings.ingest(Map.of("TOCSIN_INGEST_ALLOWED_ADDRESSES", "intranet")))
        .hasMessageContaining("intranet");
    assertThatThrownBy(() -> Settings.enrich(Map.of("TOCSIN_ENRICH_DEDUP_RETENTION", "soon")))
        .hasMessageContaining("TOCSIN_ENRICH_DEDUP_RETENTION");
    assertThatThrownBy(() -> Settings.enrich(Map.of("TOCSIN_ENRICH_STANDBY_REPLICAS", "-1")))
        .hasMessageContaining("TOCSIN_ENRICH_STANDBY_REPLICAS");
    assertThatThrownBy(() -> Settings.instanceId(Map.of("TOCSIN_INSTANCE_ID", "a b")))
        .hasMessageContaining("TOCSIN_INSTANCE_ID");
  }
}
