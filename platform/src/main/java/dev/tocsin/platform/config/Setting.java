package dev.tocsin.platform.config;

import dev.tocsin.platform.text.Durations;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One setting of Tocsin: its environment variable, its default, what it means and what values it
 * takes. Each module lists the settings it reads (e.g. {@code IngestSettings.DEFINED}); the {@code
 * tocsin} command composes those lists into one table, which the configuration file, {@code
 * docs/operations.md} and {@code deploy/tocsin.env} are checked against.
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
public record Setting(
    String name,
    String defaultValue,
    String defaultNote,
    String meaning,
    Type type,
    Source source) {

  /** Where a setting may be set. */
  public enum Source {
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
  public record Type(String expected, Function<String, ?> parser) {

    /** Any text. */
    public static final Type TEXT = new Type("text", v -> v);

    /** A span such as {@code 30s}, {@code 5m} or {@code PT1H}. */
    public static final Type DURATION =
        new Type(
            "a duration such as 30s, 5m or PT1H",
            v -> Durations.parse(v).orElseThrow(() -> new IllegalArgumentException(v)));

    /** A whole number of 1 or more. */
    public static final Type POSITIVE_NUMBER =
        new Type("a whole number of 1 or more", v -> positive(Long.parseLong(v)));

    /** A TCP port, 1 to 65535. */
    public static final Type PORT =
        new Type("a port number (1-65535)", v -> port(Integer.parseInt(v)));

    /** Comma-separated items. */
    public static final Type LIST = new Type("a comma-separated list", v -> v);

    /** An absolute URL with a host. */
    public static final Type URL = new Type("an absolute URL such as http://host:9093", Type::url);

    /** {@code host:port}, see {@link #hostPort}. */
    public static final Type HOST_PORT =
        new Type("host:port (e.g. 127.0.0.1:8080)", Type::hostPort);

    /** A name of letters, digits, '.', '_' and '-', at most 100 long. */
    public static final Type NAME =
        new Type(
            "letters, digits, '.', '_' and '-' only",
            v -> {
              if (!v.matches("[A-Za-z0-9._-]{1,100}")) {
                throw new IllegalArgumentException(v);
              }
              return v;
            });

    /** A prefix of letters, digits, '.', '_' and '-', possibly empty. */
    public static final Type PREFIX =
        new Type(
            "letters, digits, '.', '_' and '-' only",
            v -> {
              if (!v.matches("[A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException(v);
              }
              return v;
            });

    /** Returns a type that takes one of {@code values}, in any case. */
    public static Type oneOf(String... values) {
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

    /**
     * Reads {@code host:port}, port 0 to 65535 (0: any free port), without resolving the host;
     * throws a {@link NumberFormatException} when it is not.
     */
    public static InetSocketAddress hostPort(String value) {
      int colon = value.lastIndexOf(':');
      if (colon < 1) {
        throw new NumberFormatException(value);
      }
      int port = Integer.parseInt(value.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw new NumberFormatException(value);
      }
      return InetSocketAddress.createUnresolved(value.substring(0, colon), port);
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
  public Setting {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(meaning, "meaning");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    if (!name.matches("TOCSIN_[A-Z0-9_]+(_\\*)?")) {
      throw new IllegalArgumentException("not a setting name: " + name);
    }
  }

  /** Returns a setting that may be set in the environment or the configuration file. */
  public static Setting of(
      String name, String defaultValue, String defaultNote, String meaning, Type type) {
    return new Setting(name, defaultValue, defaultNote, meaning, type, Source.ANY);
  }

  /** Returns a setting that only the environment sets (read before the configuration file). */
  public static Setting environmentOnly(
      String name, String defaultValue, String defaultNote, String meaning, Type type) {
    return new Setting(name, defaultValue, defaultNote, meaning, type, Source.ENVIRONMENT);
  }

  /** Returns the setting among {@code settings} that {@code variable} sets, if any. */
  public static Optional<Setting> find(List<Setting> settings, String variable) {
    return settings.stream().filter(s -> s.matches(variable)).findFirst();
  }

  /** Returns whether this is a prefix under which any name passes through. */
  public boolean isPrefix() {
    return name.endsWith("_*");
  }

  /** Returns whether {@code variable} is this setting or, for a prefix, falls under it. */
  public boolean matches(String variable) {
    return isPrefix()
        ? variable.startsWith(name.substring(0, name.length() - 1))
            && variable.length() > name.length() - 1
        : variable.equals(name);
  }

  /**
   * Checks {@code value}; throws an {@link IllegalArgumentException} naming the setting as {@code
   * label} (the variable, or a file's key and the variable) and the value when it is not valid.
   */
  public void check(String label, String value) {
    try {
      type.parser().apply(value.strip());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          label + " must be " + type.expected() + ": '" + value + "'", e);
    }
  }

  /** Returns the default column of the documentation's table. */
  public String defaultColumn() {
    String value = defaultValue == null ? "" : "`" + defaultValue + "`";
    if (defaultNote == null) {
      return value;
    }
    return value.isEmpty() ? defaultNote : value + "; " + defaultNote;
  }
}
