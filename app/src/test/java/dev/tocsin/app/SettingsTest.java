package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.alerting.notify.NotifierSettings;
import dev.tocsin.enrich.topology.EnrichSettings;
import dev.tocsin.ingest.IngestSettings;
import dev.tocsin.platform.config.Setting;
import dev.tocsin.platform.kafka.KafkaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void shouldReadTheSurgeSettingsFromTheBundledProfile() {
    assertThat(Settings.alerting(Map.of()).surge())
        .as("russia-dprk.yaml spells out the defaults")
        .isEqualTo(dev.tocsin.alerting.surge.SurgeSettings.defaults());
    assertThat(Settings.alerting(Map.of()).profileId()).isEqualTo("russia-dprk");
    assertThat(Settings.alerting(Map.of("TOCSIN_ALERTING_QUIET_PERIOD", "6h")).surge())
        .as("the file's settings do not drop the profile's surges")
        .isEqualTo(dev.tocsin.alerting.surge.SurgeSettings.defaults());
    assertThatThrownBy(() -> Settings.surge("no-such-profile"))
        .hasMessageContaining("no-such-profile");
  }

  @Test
  void shouldDocumentEverySettingInOneTableAsDefinedInCode() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("../docs/operations.md"));
    int header = lines.indexOf("| variable | default | meaning |");
    assertThat(header).as("the configuration table's header").isPositive();
    List<String> documented = new ArrayList<>();
    for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      documented.add(lines.get(i));
    }
    List<String> defined =
        Settings.DEFINED.stream()
            .map(
                s ->
                    "| `"
                        + s.name()
                        + "` | "
                        + s.defaultColumn()
                        + " | "
                        + s.meaning()
                        + (s.source() == Setting.Source.ENVIRONMENT ? " (environment only)" : "")
                        + " |")
            .toList();

    assertThat(documented)
        .as(
            "docs/operations.md's configuration table must list Settings.DEFINED; generated:%n%s",
            String.join("\n", defined))
        .containsExactlyElementsOf(defined);
  }

  @Test
  void shouldMeanByEachDocumentedDefaultWhatTheCodeDoesWhenUnset() {
    Map<String, String> defaults = new HashMap<>();
    for (Setting setting : Settings.DEFINED) {
      if (setting.defaultValue() != null && setting.source() == Setting.Source.ANY) {
        defaults.put(setting.name(), setting.defaultValue());
      }
    }

    assertThat(IngestSettings.fromEnvironment(defaults))
        .isEqualTo(IngestSettings.fromEnvironment(Map.of()));
    assertThat(EnrichSettings.fromEnvironment(defaults).dedupRetention())
        .isEqualTo(EnrichSettings.fromEnvironment(Map.of()).dedupRetention());
    assertThat(Settings.alerting(defaults).quietPeriod())
        .isEqualTo(Settings.alerting(Map.of()).quietPeriod());
    assertThat(Settings.managementAddress(defaults))
        .isEqualTo(Settings.managementAddress(Map.of()));
    assertThat(Settings.dataDir(defaults)).isEqualTo(Settings.dataDir(Map.of()));
    assertThat(LogFormat.fromEnvironment(defaults)).isEqualTo(LogFormat.fromEnvironment(Map.of()));
    Map<String, String> kafka = new HashMap<>(defaults);
    kafka.put("TOCSIN_KAFKA_BOOTSTRAP_SERVERS", "k:9092");
    assertThat(KafkaSettings.fromEnvironment(kafka))
        .isEqualTo(
            KafkaSettings.fromEnvironment(Map.of("TOCSIN_KAFKA_BOOTSTRAP_SERVERS", "k:9092")));
    assertThat(NotifierSettings.fromEnvironment(defaults))
        .isEqualTo(NotifierSettings.fromEnvironment(Map.of()));
    assertThatCode(() -> Settings.check(defaults)).doesNotThrowAnyException();
  }

  @Test
  void shouldCheckEveryVariableAgainstItsTypeNamingItAndTheValue() {
    assertThatThrownBy(() -> Settings.check(Map.of("TOCSIN_MANAGEMENT_ADDRESS", "8080")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TOCSIN_MANAGEMENT_ADDRESS")
        .hasMessageContaining("'8080'");
    assertThatThrownBy(() -> Settings.check(Map.of("TOCSIN_NOTIFY_SMTP_PORT", "smtp")))
        .hasMessageContaining("TOCSIN_NOTIFY_SMTP_PORT must be a port number")
        .hasMessageContaining("'smtp'");
    assertThatThrownBy(() -> Settings.check(Map.of("TOCSIN_LOG_LEVEL", "LOUD")))
        .hasMessageContaining("TOCSIN_LOG_LEVEL")
        .hasMessageContaining("'LOUD'");
    assertThatThrownBy(() -> Settings.check(Map.of("TOCSIN_TOPIC_REPLICATION", "0")))
        .hasMessageContaining("TOCSIN_TOPIC_REPLICATION");
    assertThatCode(
            () ->
                Settings.check(
                    Map.of("TOCSIN_KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL", "HOME", "/root")))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldDefineEveryVariableTheCodeTheImageAndTheDeploymentName() throws IOException {
    Pattern quoted = Pattern.compile("\"(TOCSIN_[A-Z0-9_]*[A-Z0-9])\"");
    Pattern bare = Pattern.compile("\\b(TOCSIN_[A-Z0-9_]*[A-Z0-9])\\b");
    Set<String> named = new TreeSet<>();
    try (Stream<Path> sources = Files.walk(Path.of(".."))) {
      for (Path file :
          sources
              .filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/"))
              .toList()) {
        quoted.matcher(Files.readString(file)).results().forEach(m -> named.add(m.group(1)));
      }
    }
    for (String file :
        List.of("../deploy/tocsin.env", "../docker-compose.yml", "../Dockerfile", "../tocsin")) {
      bare.matcher(Files.readString(Path.of(file))).results().forEach(m -> named.add(m.group(1)));
    }
    // A compose variable naming the image, not a setting of Tocsin.
    named.remove("TOCSIN_IMAGE");

    assertThat(named).isNotEmpty();
    assertThat(named)
        .allSatisfy(
            name ->
                assertThat(Settings.defined(name)).as("%s in Settings.DEFINED", name).isPresent());
  }
}
