package dev.tocsin.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * The log format named by {@code TOCSIN_LOG_FORMAT}; {@code logback.xml} picks the appender of the
 * same name, and this check makes a misspelt value fail at start instead of silencing the logs.
 */
enum LogFormat {
  TEXT,
  JSON;

  static final String VARIABLE = "TOCSIN_LOG_FORMAT";

  /** The level of Tocsin's own loggers, also read by {@code logback.xml}. */
  static final String LEVEL_VARIABLE = "TOCSIN_LOG_LEVEL";

  /**
   * Checks the format and, when {@code settings} (from a configuration file) set the format or the
   * level otherwise than {@code env}, from which logback configured itself at start, configures
   * logback again with them.
   */
  static void apply(Map<String, String> settings, Map<String, String> env) {
    fromEnvironment(settings);
    List<String> variables = List.of(VARIABLE, LEVEL_VARIABLE);
    if (variables.stream().allMatch(v -> Objects.equals(settings.get(v), env.get(v)))
        || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    for (String variable : variables) {
      String value = settings.get(variable);
      if (value != null && !value.isBlank()) {
        // Context properties come before the environment in logback's substitution.
        context.putProperty(variable, value.strip());
      }
    }
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(LogFormat.class.getResource("/logback.xml"));
    } catch (JoranException e) {
      throw new IllegalStateException("Cannot configure logging: " + e.getMessage(), e);
    }
  }

  /** Returns the configured format (default text), or throws naming the variable and value. */
  static LogFormat fromEnvironment(Map<String, String> env) {
    String value = env.getOrDefault(VARIABLE, "text").strip();
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
