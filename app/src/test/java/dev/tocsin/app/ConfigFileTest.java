package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.ingest.IngestSettings;
import dev.tocsin.platform.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("tocsin.yaml"), yaml);
  }

  @Test
  void shouldMapNestedAndFlatKeysToTheVariablesTheyName() throws IOException {
    Path file =
        write(
            """
            kafka:
              bootstrap_servers: k1:9092,k2:9092
              client:
                security.protocol: SASL_SSL
            topic.replication: 3
            ingest:
              workers: 32
              min-interval: 30s
              allowed_addresses: [10.0.0.0/8, loopback]
            notify_min_level: high
            """);

    assertThat(ConfigFile.read(file))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "TOCSIN_KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092",
                "TOCSIN_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL",
                "TOCSIN_TOPIC_REPLICATION", "3",
                "TOCSIN_INGEST_WORKERS", "32",
                "TOCSIN_INGEST_MIN_INTERVAL", "30s",
                "TOCSIN_INGEST_ALLOWED_ADDRESSES", "10.0.0.0/8,loopback",
                "TOCSIN_NOTIFY_MIN_LEVEL", "high"));
  }

  @Test
  void shouldNameTheKeyAndLineWhenAKeyIsUnknown() throws IOException {
    Path file = write("ingest:\n  workers: 4\n  wrokers: 8\n");

    assertThatThrownBy(() -> ConfigFile.read(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tocsin.yaml:3:")
        .hasMessageContaining("unknown setting 'ingest.wrokers'")
        .hasMessageContaining("TOCSIN_INGEST_WROKERS");
  }

  @Test
  void shouldNameTheSettingAndValueAndLineWhenAValueIsBad() throws IOException {
    Path file = write("# settings\nenrich:\n  dedup_retention: soon\n");

    assertThatThrownBy(() -> ConfigFile.read(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tocsin.yaml:3:")
        .hasMessageContaining("enrich.dedup_retention (TOCSIN_ENRICH_DEDUP_RETENTION)")
        .hasMessageContaining("'soon'");
  }

  @Test
  void shouldRefuseASettingGivenTwiceAndOneOnlyTheEnvironmentCanSet() throws IOException {
    Path twice = write("ingest:\n  workers: 4\ningest_workers: 8\n");
    assertThatThrownBy(() -> ConfigFile.read(twice))
        .hasMessageContaining("tocsin.yaml:3:")
        .hasMessageContaining("TOCSIN_INGEST_WORKERS again (first on line 2)");

    Path launcher = write("java_opts: -Xmx2g\n");
    assertThatThrownBy(() -> ConfigFile.read(launcher))
        .hasMessageContaining("TOCSIN_JAVA_OPTS")
        .hasMessageContaining("only be set in the environment");
  }

  @Test
  void shouldRefuseAFileThatIsNotAMappingOrNotYaml() throws IOException {
    Path list = write("- ingest\n");
    assertThatThrownBy(() -> ConfigFile.read(list)).hasMessageContaining("mapping of settings");

    Path broken = write("ingest: {workers: 4\n");
    assertThatThrownBy(() -> ConfigFile.read(broken))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tocsin.yaml");
  }

  @Test
  void shouldLetTheEnvironmentWinOverTheFileAndCheckTheResult() throws IOException {
    Path file = write("ingest:\n  workers: 4\n  per_host_limit: 3\n");

    Map<String, String> settings =
        Settings.load(file, Map.of("TOCSIN_INGEST_WORKERS", "8", "PATH", "/usr/bin"));

    assertThat(IngestSettings.fromEnvironment(settings).workers()).isEqualTo(8);
    assertThat(IngestSettings.fromEnvironment(settings).perHostLimit()).isEqualTo(3);
    assertThat(Settings.load(null, Map.of("TOCSIN_CONFIG", file.toString())))
        .containsEntry("TOCSIN_INGEST_WORKERS", "4");
    assertThatThrownBy(() -> Settings.load(file, Map.of("TOCSIN_INGEST_MAX_INTERVAL", "10s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("maxInterval");
  }

  @Test
  void shouldParseAndCheckTheShippedExampleThatNamesEverySettingWithItsDefault() {
    Path example = Path.of("../deploy/tocsin.example.yaml");

    Map<String, String> values = ConfigFile.read(example);
    Settings.load(example, Map.of());

    for (Setting setting : Settings.DEFINED) {
      if (setting.source() == Setting.Source.ANY && !setting.isPrefix()) {
        assertThat(ConfigFile.named(example)).as("the example names it").contains(setting.name());
        assertThat(values.get(setting.name()))
            .as("%s in the example", setting.name())
            .isEqualTo(setting.defaultValue());
      }
    }
  }
}
