package dev.tocsin.app;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One setting of Tocsin: its environment variable, its default, what it means and what values it
 * takes. {@link Settings#DEFINED} lists every one; the configuration table of {@code
 * docs/operations.md} is checked against that list.
 *
 * @param name the environment variable, e.g. {@code TOCSIN_INGEST_WORKERS}; a name ending in {@code
 *     _*} is a prefix under which any name is passed through
 * @param defaultValue the value that applies when the setting is unset; null when there is none
 * @param defaultNote what else the default column of the documentation says, e.g. where the image
 *     differs; null when nothing
 * @param meaning what the setting does, as the documentation says it (Markdown)
 * @param type the values it takes
 * @param source where it may be set
 */
record Setting(
    String name,
    String defaultValue,
    String defaultNote,
    String meaning,
    Type type,
    Source source) {

  /** Where a setting may be set. */
  enum Source {
    /** The environment or the configuration file. */
    ANY,
    /** Only the environment: it is read before the configuration file is. */
    ENVIRONMENT
  }

  /**
   * The values a setting takes.
   *
   * @param expected what a valid value looks like, for the error message
   * @param parser reads a value; throws when it is not valid
   */
  record Type(String expected, Function<String, ?> parser) {

    private static final DurationConverter DURATIONS = new DurationConverter();

    static final Type TEXT = new Type("text", v -> v);
    static final Type DURATION = new Type("a duration such as 30s, 5m or PT1H", DURATIONS::convert);
    static final Type POSITIVE_NUMBER =
        new Type("a whole number of 1 or more", v -> positive(Long.parseLong(v)));
    static final Type PORT = new Type("a port number (1-65535)", v -> port(Integer.parseInt(v)));
    static final Type LIST = new Type("a comma-separated list", v -> v);
    static final Type URL = new Type("an absolute URL such as http://host:9093", Type::url);
    static final Type HOST_PORT =
        new Type("host:port (e.g. 127.0.0.1:8080)", TocsinCommand::hostPort);
    static final Type NAME =
        new Type(
            "letters, digits, '.', '_' and '-' only",
            v -> {
              if (!v.matches("[A-Za-z0-9._-]{1,100}")) {
                throw new IllegalArgumentException(v);
              }
              return v;
            });
    static final Type PREFIX =
        new Type(
            "letters, digits, '.', '_' and '-' only",
            v -> {
              if (!v.matches("[A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException(v);
              }
              return v;
            });

    /** Returns a type that takes one of {@code values}, in any case. */
    static Type oneOf(String... values) {
      Set<String> allowed =
          Arrays.stream(values).map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
      return new Type(
          "one of " + String.join(", ", values),
          v -> {
            if (!allowed.contains(v.toLowerCase(Locale.ROOT))) {
              throw new IllegalArgumentException(v);
            }
            return v;
          });
    }

    private static long positive(long n) {
      if (n < 1) {
        throw new IllegalArgumentException(Long.toString(n));
      }
      return n;
    }

    private static int port(int n) {
      if (n < 1 || n > 65535) {
        throw new IllegalArgumentException(Integer.toString(n));
      }
      return n;
    }

    private static URI url(String v) {
      URI uri = URI.create(v);
      if (!uri.isAbsolute() || uri.getHost() == null) {
        throw new IllegalArgumentException(v);
      }
      return uri;
    }
  }

  /** Validates the definition. */
  Setting {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(meaning, "meaning");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    if (!name.matches("TOCSIN_[A-Z0-9_]+(_\\*)?")) {
      throw new IllegalArgumentException("not a setting name: " + name);
    }
  }

  /** Returns whether this is a prefix under which any name passes through. */
  boolean isPrefix() {
    return name.endsWith("_*");
  }

  /** Returns whether {@code variable} is this setting or, for a prefix, falls under it. */
  boolean matches(String variable) {
    return isPrefix()
        ? variable.startsWith(name.substring(0, name.length() - 1))
            && variable.length() > name.length() - 1
        : variable.equals(name);
  }

  /**
   * Checks {@code value}; throws an {@link IllegalArgumentException} naming the setting as {@code
   * label} (the variable, or a file's key and the variable) and the value when it is not valid.
   */
  void check(String label, String value) {
    try {
      type.parser().apply(value.strip());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          label + " must be " + type.expected() + ": '" + value + "'", e);
    }
  }

  /** Returns the default column of the documentation's table. */
  String defaultColumn() {
    String value = defaultValue == null ? "" : "`" + defaultValue + "`";
    if (defaultNote == null) {
      return value;
    }
    return value.isEmpty() ? defaultNote : value + "; " + defaultNote;
  }
}
