package dev.tocsin.alerting.notify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tocsin.alerting.mute.AlertMatcher;
import dev.tocsin.alerting.mute.InhibitRule;
import dev.tocsin.schemas.AlertLevel;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the notifier's settings from YAML: {@code sinks}, {@code routes}, {@code retry}, {@code
 * breaker}, {@code maxAge}, {@code instanceId}, {@code repeatInterval}, {@code inhibitRules},
 * {@code grouping} (see docs/alerting.md). A string value of the form {@code ${NAME}} is read from
 * the environment variable NAME, so secrets stay out of the file.
 */
public final class NotifierConfigFile {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  record SinkEntry(
      String name,
      String type,
      String url,
      String secret,
      String endpoint,
      String routingKey,
      String resendInterval,
      String host,
      Integer port,
      Boolean startTls,
      String username,
      String password,
      String from,
      List<String> to,
      String timeout) {}

  record RouteEntry(
      String minLevel,
      Set<String> eventTypes,
      Map<String, String> labels,
      List<String> sinks,
      String repeatInterval) {}

  record InhibitEntry(List<String> source, List<String> target, List<String> equal) {}

  record GroupingEntry(List<String> groupBy, String groupWait, String groupInterval) {}

  record RetryEntry(String initial, String max, Double multiplier, Double jitter) {}

  record BreakerEntry(Integer failures, String openFor) {}

  record FileEntry(
      List<SinkEntry> sinks,
      List<RouteEntry> routes,
      RetryEntry retry,
      BreakerEntry breaker,
      String maxAge,
      String instanceId,
      String repeatInterval,
      List<InhibitEntry> inhibitRules,
      GroupingEntry grouping) {}

  private NotifierConfigFile() {}

  /** Reads and validates {@code file}; {@code env} resolves {@code ${NAME}} values. */
  public static NotifierSettings read(Path file, Map<String, String> env) {
    FileEntry entry;
    try {
      entry =
          new ObjectMapper(new YAMLFactory())
              .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .readValue(file.toFile(), FileEntry.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read notifier config " + file + ": " + e.getMessage(), e);
    }
    if (entry == null || entry.sinks() == null) {
      throw new IllegalArgumentException("Notifier config " + file + " lists no sinks");
    }
    try {
      Resolver r = new Resolver(env, file);
      List<SinkConfig> sinks = entry.sinks().stream().map(r::sink).toList();
      List<Route> routes =
          entry.routes() == null
              ? List.of()
              : entry.routes().stream()
                  .map(
                      route ->
                          new Route(
                              route.minLevel() == null ? null : level(route.minLevel()),
                              route.eventTypes(),
                              route.labels(),
                              route.sinks(),
                              r.duration("route repeatInterval", route.repeatInterval(), null)))
                  .toList();
      List<InhibitRule> inhibitRules =
          entry.inhibitRules() == null
              ? null
              : entry.inhibitRules().stream().map(NotifierConfigFile::inhibitRule).toList();
      RetryPolicy defaults = RetryPolicy.defaults();
      RetryEntry retry = entry.retry();
      RetryPolicy policy =
          retry == null
              ? defaults
              : new RetryPolicy(
                  r.duration("retry.initial", retry.initial(), defaults.initial()),
                  r.duration("retry.max", retry.max(), defaults.max()),
                  retry.multiplier() == null ? defaults.multiplier() : retry.multiplier(),
                  retry.jitter() == null ? defaults.jitter() : retry.jitter());
      BreakerEntry breaker = entry.breaker();
      GroupingEntry grouping = entry.grouping();
      return new NotifierSettings(
          sinks,
          routes,
          policy,
          breaker == null || breaker.failures() == null ? 5 : breaker.failures(),
          breaker == null ? null : r.duration("breaker.openFor", breaker.openFor(), null),
          r.duration("maxAge", entry.maxAge(), null),
          entry.instanceId() == null ? null : r.text(entry.instanceId()),
          r.duration("repeatInterval", entry.repeatInterval(), null),
          inhibitRules,
          grouping == null
              ? null
              : new Grouping(
                  grouping.groupBy() == null ? Grouping.defaults().groupBy() : grouping.groupBy(),
                  r.duration("grouping.groupWait", grouping.groupWait(), null),
                  r.duration("grouping.groupInterval", grouping.groupInterval(), null)));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("Notifier config " + file + ": " + e.getMessage(), e);
    }
  }

  private static InhibitRule inhibitRule(InhibitEntry entry) {
    if (entry.source() == null || entry.target() == null) {
      throw new IllegalArgumentException("inhibitRules: each rule needs source and target");
    }
    return new InhibitRule(
        entry.source().stream().map(AlertMatcher::parse).toList(),
        entry.target().stream().map(AlertMatcher::parse).toList(),
        entry.equal());
  }

  private static AlertLevel level(String value) {
    try {
      return AlertLevel.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "minLevel must be info, elevated, high or critical: '" + value + "'");
    }
  }

  private record Resolver(Map<String, String> env, Path file) {

    SinkConfig sink(SinkEntry s) {
      String type = s.type() == null ? "" : s.type().strip().toLowerCase(Locale.ROOT);
      String where = "sink '" + s.name() + "'";
      Duration timeout = duration(where + " timeout", s.timeout(), null);
      return switch (type) {
        case "webhook" ->
            new SinkConfig.Webhook(s.name(), uri(where, s.url()), text(s.secret()), timeout);
        case "slack" -> new SinkConfig.Slack(s.name(), uri(where, s.url()), timeout);
        case "pagerduty" ->
            new SinkConfig.PagerDuty(
                s.name(),
                s.endpoint() == null ? null : uri(where, s.endpoint()),
                text(s.routingKey()),
                timeout);
        case "alertmanager" ->
            new SinkConfig.Alertmanager(
                s.name(),
                uri(where, s.url()),
                duration(where + " resendInterval", s.resendInterval(), null),
                timeout);
        case "email" ->
            new SinkConfig.Email(
                s.name(),
                text(s.host()),
                s.port() == null ? 25 : s.port(),
                Boolean.TRUE.equals(s.startTls()),
                text(s.username()),
                text(s.password()),
                text(s.from()),
                s.to() == null ? List.of() : s.to().stream().map(this::text).toList(),
                timeout);
        default ->
            throw new IllegalArgumentException(
                where
                    + ": type must be webhook, slack, pagerduty, alertmanager or email: '"
                    + s.type()
                    + "'");
      };
    }

    String text(String value) {
      if (value == null) {
        return null;
      }
      Matcher m = VARIABLE.matcher(value.strip());
      if (!m.matches()) {
        return value;
      }
      String resolved = env.get(m.group(1));
      if (resolved == null) {
        throw new IllegalArgumentException(
            "environment variable " + m.group(1) + " is not set (named by " + value + ")");
      }
      return resolved;
    }

    URI uri(String where, String value) {
      String text = text(value);
      if (text == null) {
        throw new IllegalArgumentException(where + ": url must be set");
      }
      try {
        return new URI(text.strip());
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(where + ": not a URL: '" + text + "'", e);
      }
    }

    Duration duration(String name, String value, Duration fallback) {
      return value == null ? fallback : NotifierSettings.parseDuration(name, text(value));
    }
  }
}
