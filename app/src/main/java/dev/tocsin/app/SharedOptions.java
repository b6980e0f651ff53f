package dev.tocsin.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options that several commands share, each declared once here and mixed in with {@code @Mixin}.
 */
final class SharedOptions {

  private SharedOptions() {}

  /** {@code --config FILE}: the YAML file of settings. */
  static final class ConfigFileOption {
    @Option(
        names = "--config",
        paramLabel = "FILE",
        description =
            "YAML file of settings (default: the file TOCSIN_CONFIG names, if any); environment"
                + " variables win over it.")
    Path file;

    /** Returns the settings in force: the file's, under the environment's. */
    Map<String, String> settings() {
      return Settings.load(file, System.getenv());
    }
  }

  /** {@code --feeds FILE}: the feed registry file written to the registry topic at start. */
  static final class FeedsFileOption {
    @Option(
        names = "--feeds",
        paramLabel = "FILE",
        description =
            "Feed registry YAML file whose feeds are written to the registry topic at start"
                + " (default: feeds.yaml when it exists).")
    Path file;
  }

  /** {@code --duration}: how long a long-running command runs. */
  static final class DurationOption {
    @Option(
        names = "--duration",
        description = "Stop after this long (e.g. 60s, 5m); default: run until stopped.")
    Duration duration;
  }
}
