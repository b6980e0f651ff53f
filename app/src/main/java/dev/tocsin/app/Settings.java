package dev.tocsin.app;

import dev.tocsin.alerting.notify.NotifierSettings;
import dev.tocsin.alerting.surge.SurgeSettings;
import dev.tocsin.alerting.topology.AlertSettings;
import dev.tocsin.app.console.ConsoleSettings;
import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.enrich.topology.EnrichSettings;
import dev.tocsin.ingest.IngestSettings;
import dev.tocsin.platform.config.Setting;
import dev.tocsin.platform.config.Setting.Type;
import dev.tocsin.platform.config.SettingValues;
import dev.tocsin.platform.kafka.KafkaSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes the settings every module defines (each module's {@code *Settings.DEFINED}) with the
 * process's own into the one table of Tocsin's settings, and reads them from environment variables
 * over an optional YAML file, failing with a message that names the setting and its bad value.
 */
final class Settings {

  /** The environment variable naming the configuration file, when {@code --config} does not. */
  static final String CONFIG_VARIABLE = "TOCSIN_CONFIG";

  private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

  /** The setting that names the configuration file: only the environment sets it. */
  private static final List<Setting> LEADING =
      List.of(
          Setting.environmentOnly(
              CONFIG_VARIABLE,
              null,
              "unset: no file",
              "YAML file of settings ([format](#configuration-file)); `--config FILE` wins over it",
              Type.TEXT));

  /**
   * The settings of the process that the services share: broker, data, management, console, logs.
   */
  private static final List<Setting> PROCESS =
      List.of(
          Setting.of(
              "TOCSIN_EMBEDDED_KAFKA_PORT",
              Integer.toString(LocalKafka.DEFAULT_PORT),
              "a free port when it is taken",
              "loopback port of the embedded broker's client listener (`tocsin run`, `demo`,"
                  + " `ingest`, `enrich`, `alerting`), which they print at start; a command with no"
                  + " bootstrap servers uses the pipeline that answers there (or that the data"
                  + " directory's `kafka-bootstrap-servers` file names)",
              Type.PORT),
          Setting.of(
              "TOCSIN_DATA_DIR",
              "tocsin-data",
              "relative to the working directory; `/var/lib/tocsin` in the image",
              "Kafka Streams state (`streams/`) and the embedded broker's log (`kafka/`)",
              Type.TEXT),
          Setting.of(
              "TOCSIN_MANAGEMENT_ADDRESS",
              "127.0.0.1:8080",
              "`0.0.0.0:8080` in the image",
              "`host:port` of `/health/live`, `/health/ready`, `/metrics` and the operator console"
                  + " (`/`; `tocsin run`, `demo` and `alerting` serve it)",
              Type.HOST_PORT),
          Setting.of(
              "TOCSIN_CONSOLE_TOKEN",
              null,
              "unset: no sign-in, allowed only on a loopback management address",
              "token a browser gives to sign in to the operator console (or sends as `Authorization:"
                  + " Bearer`); required when the management address is not loopback",
              Type.TEXT),
          Setting.of(
              "TOCSIN_CONSOLE_WINDOW",
              "7d",
              null,
              "how far back the operator console keeps alerts, stories and delivery receipts in"
                  + " memory (rebuilt from the topics at start)",
              Type.DURATION),
          Setting.of(
              "TOCSIN_CONSOLE_STORIES",
              "2000",
              null,
              "the most recent stories the operator console keeps in memory",
              Type.POSITIVE_NUMBER),
          Setting.of(
              "TOCSIN_LOG_FORMAT",
              "text",
              "`json` in the image",
              "`text` (one line per event) or `json` (one JSON object per line: `timestamp` in"
                  + " epoch ms, `level`, `threadName`, `loggerName`, `mdc`, `formattedMessage`,"
                  + " `throwable`), on stderr",
              Type.oneOf("text", "json")),
          Setting.of(
              "TOCSIN_LOG_LEVEL",
              "WARN",
              "`INFO` in `deploy/tocsin.env`",
              "level of Tocsin's own loggers (`dev.tocsin.*`); Kafka's stay at `ERROR`",
              Type.oneOf("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF")),
          Setting.environmentOnly(
              "TOCSIN_JAVA_OPTS",
              "-Xmx1g",
              "`-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError` in the image",
              "JVM options, read by the launcher script (`./tocsin`, the image), not by Tocsin;"
                  + " for its short-lived commands (`feeds`, `extract`, `topics`, `silence`,"
                  + " `profile`, `--version`) the launcher also picks the parallel collector unless"
                  + " these options name a collector",
              Type.TEXT),
          Setting.environmentOnly(
              "TOCSIN_CDS",
              "on",
              null,
              "`off` starts the JVM without the class-data sharing archive the launcher script"
                  + " (`./tocsin`, the image) maps for a faster start",
              Type.oneOf("on", "off")));

  /**
   * Every setting, in the order of the documentation's table: the process's own, then each module's
   * list.
   */
  static final List<Setting> DEFINED =
      compose(
          LEADING,
          KafkaSettings.DEFINED,
          PROCESS,
          IngestSettings.DEFINED,
          EnrichSettings.DEFINED,
          AlertSettings.DEFINED,
          NotifierSettings.DEFINED);

  private Settings() {}

  @SafeVarargs
  private static List<Setting> compose(List<Setting>... lists) {
    List<Setting> all = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (List<Setting> list : lists) {
      for (Setting setting : list) {
        if (!names.add(setting.name())) {
          throw new IllegalStateException(setting.name() + " is defined twice");
        }
        all.add(setting);
      }
    }
    return List.copyOf(all);
  }

  /** Returns the setting that {@code variable} sets, if any. */
  static Optional<Setting> defined(String variable) {
    return Setting.find(DEFINED, variable);
  }

  /**
   * Returns the settings in force: those of the YAML file ({@code file}, else the one {@code
   * TOCSIN_CONFIG} names, else none) under the environment's, every one checked. Throws a {@link
   * ConfigException} naming the setting and the bad value, or the file's line, when one is wrong.
   */
  static Map<String, String> load(Path file, Map<String, String> env) {
    String named = env.get(CONFIG_VARIABLE);
    Path source = file != null ? file : blank(named) ? null : Path.of(named.strip());
    Map<String, String> config = new HashMap<>();
    if (source != null) {
      config.putAll(ConfigFile.read(source));
    }
    env.forEach(
        (name, value) -> {
          if (!blank(value) || !config.containsKey(name)) {
            config.put(name, value);
          }
          // Not an error: the environment holds variables of other programs, and of launchers.
          if (name.startsWith("TOCSIN_") && defined(name).isEmpty()) {
            LOG.warn("The environment variable {} names no setting of Tocsin: ignored", name);
          }
        });
    check(config);
    return Map.copyOf(config);
  }

  /**
   * Checks every Tocsin setting in {@code config}: each value against its type, then each service's
   * settings as a whole, so that a bad one stops the command before anything starts.
   */
  static void check(Map<String, String> config) {
    try {
      config.forEach(
          (name, value) -> {
            if (!blank(value)) {
              defined(name).ifPresent(s -> s.check(name, value));
            }
          });
      LogFormat.fromEnvironment(config);
      KafkaSettings.fromEnvironment(config);
      Settings.managementAddress(config);
      console(config);
      IngestSettings.fromEnvironment(config);
      EnrichSettings.fromEnvironment(config);
      alerting(config);
      NotifierSettings.fromEnvironment(config);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /**
   * The alerting settings: {@code TOCSIN_ALERTING_*} over the defaults, surges from the bundled
   * watch profile's {@code surge:} section.
   */
  static AlertSettings alerting(Map<String, String> env) {
    AlertSettings settings = AlertSettings.fromEnvironment(env);
    return settings.withSurge(surge(settings.profileId()));
  }

  /** The {@code surge:} section of the bundled watch profile {@code profileId}. */
  static SurgeSettings surge(String profileId) {
    String resource = "/profiles/" + profileId + ".yaml";
    try (InputStream in = WatchProfile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no bundled profile named '" + profileId + "'");
      }
      return SurgeSettings.fromProfile(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read profile " + resource, e);
    }
  }

  /** {@code TOCSIN_CONSOLE_*}: the operator console's token, window and size. */
  static ConsoleSettings console(Map<String, String> env) {
    SettingValues values = new SettingValues(DEFINED, env);
    return new ConsoleSettings(
        env.get("TOCSIN_CONSOLE_TOKEN"),
        values.duration("TOCSIN_CONSOLE_WINDOW", Duration.ofDays(7)),
        values.integer("TOCSIN_CONSOLE_STORIES", 2000));
  }

  /** {@code TOCSIN_EMBEDDED_KAFKA_PORT}: the embedded broker's preferred client port. */
  static int embeddedKafkaPort(Map<String, String> env) {
    return new SettingValues(DEFINED, env)
        .integer("TOCSIN_EMBEDDED_KAFKA_PORT", LocalKafka.DEFAULT_PORT);
  }

  /** Reads {@code TOCSIN_MANAGEMENT_ADDRESS} (host:port, default 127.0.0.1:8080). */
  static InetSocketAddress managementAddress(Map<String, String> env) {
    String value = env.getOrDefault("TOCSIN_MANAGEMENT_ADDRESS", "127.0.0.1:8080").strip();
    try {
      InetSocketAddress address = Setting.Type.hostPort(value);
      return new InetSocketAddress(address.getHostString(), address.getPort());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "TOCSIN_MANAGEMENT_ADDRESS must be host:port (e.g. 127.0.0.1:8080): '" + value + "'");
    }
  }

  /** Reads {@code TOCSIN_DATA_DIR}, made absolute. */
  static Path dataDir(Map<String, String> env) {
    return Path.of(env.getOrDefault("TOCSIN_DATA_DIR", "tocsin-data")).toAbsolutePath();
  }
}
