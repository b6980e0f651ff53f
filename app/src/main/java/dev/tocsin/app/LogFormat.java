package dev.tocsin.app;

import java.util.Locale;
import java.util.Map;

/**
 * The log format named by {@code TOCSIN_LOG_FORMAT}; {@code logback.xml} picks the appender of the
 * same name, and this check makes a misspelt value fail at start instead of silencing the logs.
 */
enum LogFormat {
  TEXT,
  JSON;

  static final String VARIABLE = "TOCSIN_LOG_FORMAT";

  /** Returns the configured format (default text), or throws naming the variable and value. */
  static LogFormat fromEnvironment(Map<String, String> env) {
    String value = env.getOrDefault(VARIABLE, "text");
    for (LogFormat format : values()) {
      if (format.appenderName().equals(value)) {
        return format;
      }
    }
    throw new IllegalArgumentException(VARIABLE + " must be text or json: '" + value + "'");
  }

  /** Returns the name of the logback appender that writes this format. */
  String appenderName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
