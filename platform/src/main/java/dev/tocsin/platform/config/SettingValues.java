package dev.tocsin.platform.config;

import dev.tocsin.platform.text.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads a module's settings from the configuration in force (environment variables over the YAML
 * file, keyed by variable), each by its name and typed, failing with a message that names the
 * variable and its bad value.
 */
public final class SettingValues {

  private final List<Setting> defined;
  private final Map<String, String> values;

  /** Reads {@code values} as the settings {@code defined} lists. */
  public SettingValues(List<Setting> defined, Map<String, String> values) {
    this.defined = List.copyOf(Objects.requireNonNull(defined, "defined"));
    this.values = Objects.requireNonNull(values, "values");
  }

  /** Returns the value of {@code name}, stripped; null when it is unset or blank. */
  public String text(String name) {
    String value = raw(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Returns the duration {@code name} sets, else {@code fallback}. */
  public Duration duration(String name, Duration fallback) {
    return parse(
        name,
        fallback,
        v -> Durations.parse(v).orElseThrow(() -> new IllegalArgumentException(v)),
        "a duration such as 30s, 5m or PT1H");
  }

  /** Returns the whole number {@code name} sets, else {@code fallback}. */
  public int integer(String name, int fallback) {
    return parse(name, fallback, Integer::parseInt, "a whole number");
  }

  /** Returns the whole number {@code name} sets, else {@code fallback}. */
  public long integer(String name, long fallback) {
    return parse(name, fallback, Long::parseLong, "a whole number");
  }

  /** Returns the comma-separated items {@code name} sets, stripped; empty when it is unset. */
  public List<String> list(String name) {
    String value = text(name);
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  // Reading a setting its module does not list is a bug: it would be missing from the docs and
  // from the configuration file.
  private String raw(String name) {
    if (Setting.find(defined, name).isEmpty()) {
      throw new IllegalStateException(name + " is not among the settings its module defines");
    }
    return values.get(name);
  }

  private <T> T parse(String name, T fallback, Function<String, T> parser, String what) {
    String value = text(name);
    if (value == null) {
      return fallback;
    }
    try {
      return parser.apply(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(name + " must be " + what + ": '" + raw(name) + "'", e);
    }
  }
}
