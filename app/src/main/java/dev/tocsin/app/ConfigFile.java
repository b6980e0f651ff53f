package dev.tocsin.app;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tocsin.platform.config.Setting;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a YAML configuration file into the environment variables it stands for.
 *
 * <p>A key path names a variable: its keys joined with {@code _}, upper-cased, {@code .} and {@code
 * -} becoming {@code _}, after {@code TOCSIN_}. So {@code ingest: {workers: 16}}, {@code
 * ingest_workers: 16} and {@code ingest.workers: 16} all set {@code TOCSIN_INGEST_WORKERS}, and
 * {@code kafka: {client: {security.protocol: SASL_SSL}}} sets {@code
 * TOCSIN_KAFKA_CLIENT_SECURITY_PROTOCOL}. A list is read as its items joined with commas. A key
 * that names no setting, a setting given twice or a bad value fails with the file and line; a key
 * without a value leaves its setting unset.
 */
final class ConfigFile {

  private final Path file;
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, Integer> lines = new HashMap<>();

  private ConfigFile(Path file) {
    this.file = file;
  }

  /** Returns the settings of {@code file}, keyed by environment variable. */
  static Map<String, String> read(Path file) {
    return parse(file).values;
  }

  /** Returns the variables {@code file} names, those it leaves empty included. */
  static Set<String> named(Path file) {
    return parse(file).lines.keySet();
  }

  private static ConfigFile parse(Path file) {
    ConfigFile config = new ConfigFile(file);
    try (JsonParser parser = new YAMLFactory().createParser(file.toFile())) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return config;
      }
      if (first != JsonToken.START_OBJECT) {
        throw config.error(parser, "must be a mapping of settings, e.g. 'ingest: {workers: 16}'");
      }
      config.object(parser, new ArrayDeque<>());
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          "Cannot read config file "
              + file
              + " (line "
              + e.getLocation().getLineNr()
              + "): "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new ConfigException("Cannot read config file " + file + ": " + e.getMessage(), e);
    }
    return config;
  }

  private void object(JsonParser parser, Deque<String> path) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      path.addLast(parser.currentName());
      int line = parser.currentTokenLocation().getLineNr();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.START_OBJECT) {
        object(parser, path);
      } else if (value == JsonToken.START_ARRAY) {
        put(path, line, list(parser, path));
      } else {
        put(path, line, value == JsonToken.VALUE_NULL ? null : parser.getText());
      }
      path.removeLast();
    }
  }

  private String list(JsonParser parser, Deque<String> path) throws IOException {
    List<String> items = new ArrayList<>();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
      if (t.isStructStart()) {
        throw error(parser, String.join(".", path) + " must be a list of plain values");
      }
      items.add(parser.getText());
    }
    return String.join(",", items);
  }

  private void put(Deque<String> path, int line, String value) {
    String key = String.join(".", path);
    String variable =
        "TOCSIN_"
            + String.join("_", path).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    String where = file + ":" + line + ": ";
    Setting setting =
        Settings.defined(variable)
            .orElseThrow(
                () ->
                    new ConfigException(
                        where
                            + "unknown setting '"
                            + key
                            + "' ("
                            + variable
                            + "); every setting is listed in docs/operations.md#configuration"));
    if (setting.source() == Setting.Source.ENVIRONMENT) {
      throw new ConfigException(
          where + "'" + key + "' (" + variable + ") can only be set in the environment");
    }
    Integer first = lines.putIfAbsent(variable, line);
    if (first != null) {
      throw new ConfigException(
          where + "'" + key + "' sets " + variable + " again (first on line " + first + ")");
    }
    if (value == null) {
      return;
    }
    try {
      setting.check(key + " (" + variable + ")", value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + e.getMessage(), e);
    }
    values.put(variable, value.strip());
  }

  private ConfigException error(JsonParser parser, String message) {
    return new ConfigException(
        file + ":" + parser.currentTokenLocation().getLineNr() + ": " + message);
  }
}
