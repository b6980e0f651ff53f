package dev.tocsin.alerting.notify;

import dev.tocsin.alerting.mute.InhibitRule;
import dev.tocsin.platform.text.Durations;
import dev.tocsin.schemas.AlertLevel;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Configures the notifier: sinks, routes, retries, the circuit breaker, the dead-letter age, the
 * repeat interval and the inhibit rules.
 *
 * @param sinks every sink, by unique name
 * @param routes which alerts go to which sinks
 * @param retry backoff between attempts of one delivery
 * @param breakerFailures failures in a row that open a sink's circuit breaker
 * @param breakerOpenFor how long an open breaker refuses attempts
 * @param maxAge how long a delivery is retried before it goes to the dead-letter topic
 * @param instanceId distinguishes this instance's transactional id from other instances'
 * @param repeatInterval how long a still-firing alert waits before it is notified again (default 4
 *     h; routes may set their own)
 * @param inhibitRules which firing alerts hold back which others; null for {@link
 *     InhibitRule#defaultRule}, empty for none
 * @param grouping how related alerts are grouped into one notification for the sinks that can
 *     (webhook, Slack, email); null for {@link Grouping#defaults}
 */
public record NotifierSettings(
    List<SinkConfig> sinks,
    List<Route> routes,
    RetryPolicy retry,
    int breakerFailures,
    Duration breakerOpenFor,
    Duration maxAge,
    String instanceId,
    Duration repeatInterval,
    List<InhibitRule> inhibitRules,
    Grouping grouping) {

  /** The repeat interval used when none is configured. */
  public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

  /** Validates and copies the settings. */
  public NotifierSettings {
    sinks = List.copyOf(Objects.requireNonNull(sinks, "sinks"));
    routes = List.copyOf(Objects.requireNonNull(routes, "routes"));
    retry = retry == null ? RetryPolicy.defaults() : retry;
    breakerOpenFor = breakerOpenFor == null ? Duration.ofSeconds(30) : breakerOpenFor;
    maxAge = maxAge == null ? Duration.ofHours(1) : maxAge;
    instanceId = instanceId == null ? "0" : instanceId;
    repeatInterval = repeatInterval == null ? DEFAULT_REPEAT_INTERVAL : repeatInterval;
    inhibitRules =
        List.copyOf(inhibitRules == null ? List.of(InhibitRule.defaultRule()) : inhibitRules);
    grouping = grouping == null ? Grouping.defaults() : grouping;
    if (repeatInterval.isNegative() || repeatInterval.isZero()) {
      throw new IllegalArgumentException("repeatInterval must be positive: " + repeatInterval);
    }
    if (breakerFailures < 1) {
      throw new IllegalArgumentException("breakerFailures must be >= 1: " + breakerFailures);
    }
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
    }
    if (!instanceId.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "instanceId may hold only letters, digits, '.', '_' and '-': '" + instanceId + "'");
    }
    Set<String> names = new HashSet<>();
    for (SinkConfig sink : sinks) {
      if (!names.add(sink.name())) {
        throw new IllegalArgumentException("two sinks are named '" + sink.name() + "'");
      }
    }
    new Router(routes, names);
  }

  /**
   * Returns settings with the default repeat interval and inhibit rule, and no grouping: each alert
   * version is a notification of its own.
   */
  public NotifierSettings(
      List<SinkConfig> sinks,
      List<Route> routes,
      RetryPolicy retry,
      int breakerFailures,
      Duration breakerOpenFor,
      Duration maxAge,
      String instanceId) {
    this(
        sinks,
        routes,
        retry,
        breakerFailures,
        breakerOpenFor,
        maxAge,
        instanceId,
        null,
        null,
        Grouping.none());
  }

  /** Returns settings that send every alert to every given sink, with default policies. */
  public static NotifierSettings toAll(List<SinkConfig> sinks) {
    List<Route> routes =
        sinks.isEmpty()
            ? List.of()
            : List.of(Route.all(sinks.stream().map(SinkConfig::name).toArray(String[]::new)));
    return new NotifierSettings(sinks, routes, null, 5, null, null, null);
  }

  /**
   * Reads the settings from the YAML file {@code TOCSIN_NOTIFY_CONFIG} names, or else from {@code
   * TOCSIN_NOTIFY_*} environment variables: one sink per configured receiver, each receiving every
   * alert at or above {@code TOCSIN_NOTIFY_MIN_LEVEL}. Fails with a message naming the variable
   * when a value is bad.
   */
  public static NotifierSettings fromEnvironment(Map<String, String> env) {
    String file = env.get("TOCSIN_NOTIFY_CONFIG");
    if (present(file)) {
      return NotifierConfigFile.read(Path.of(file.strip()), env);
    }
    List<SinkConfig> sinks = new ArrayList<>();
    String webhook = env.get("TOCSIN_NOTIFY_WEBHOOK_URL");
    if (present(webhook)) {
      sinks.add(
          new SinkConfig.Webhook(
              "webhook",
              uri(env, "TOCSIN_NOTIFY_WEBHOOK_URL"),
              env.get("TOCSIN_NOTIFY_WEBHOOK_SECRET"),
              null));
    }
    if (present(env.get("TOCSIN_NOTIFY_SLACK_URL"))) {
      sinks.add(new SinkConfig.Slack("slack", uri(env, "TOCSIN_NOTIFY_SLACK_URL"), null));
    }
    if (present(env.get("TOCSIN_NOTIFY_PAGERDUTY_ROUTING_KEY"))) {
      sinks.add(
          new SinkConfig.PagerDuty(
              "pagerduty",
              present(env.get("TOCSIN_NOTIFY_PAGERDUTY_URL"))
                  ? uri(env, "TOCSIN_NOTIFY_PAGERDUTY_URL")
                  : null,
              env.get("TOCSIN_NOTIFY_PAGERDUTY_ROUTING_KEY"),
              null));
    }
    // TOCSIN_ALERTMANAGER_URL is the name the compose file and the operations guide use.
    String alertmanager =
        present(env.get("TOCSIN_NOTIFY_ALERTMANAGER_URL"))
            ? "TOCSIN_NOTIFY_ALERTMANAGER_URL"
            : "TOCSIN_ALERTMANAGER_URL";
    if (present(env.get(alertmanager))) {
      sinks.add(
          new SinkConfig.Alertmanager(
              "alertmanager",
              uri(env, alertmanager),
              duration(env, "TOCSIN_NOTIFY_ALERTMANAGER_RESEND", null),
              null));
    }
    if (present(env.get("TOCSIN_NOTIFY_SMTP_HOST"))) {
      String port = env.getOrDefault("TOCSIN_NOTIFY_SMTP_PORT", "25");
      int smtpPort;
      try {
        smtpPort = Integer.parseInt(port.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "TOCSIN_NOTIFY_SMTP_PORT must be a port number: '" + port + "'");
      }
      sinks.add(
          new SinkConfig.Email(
              "email",
              env.get("TOCSIN_NOTIFY_SMTP_HOST"),
              smtpPort,
              Boolean.parseBoolean(env.getOrDefault("TOCSIN_NOTIFY_SMTP_STARTTLS", "false")),
              env.get("TOCSIN_NOTIFY_SMTP_USERNAME"),
              env.get("TOCSIN_NOTIFY_SMTP_PASSWORD"),
              env.get("TOCSIN_NOTIFY_EMAIL_FROM"),
              Arrays.stream(env.getOrDefault("TOCSIN_NOTIFY_EMAIL_TO", "").split(","))
                  .map(String::strip)
                  .filter(a -> !a.isEmpty())
                  .toList(),
              null));
    }
    String level = env.getOrDefault("TOCSIN_NOTIFY_MIN_LEVEL", "info").strip();
    AlertLevel minLevel;
    try {
      minLevel = AlertLevel.valueOf(level.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "TOCSIN_NOTIFY_MIN_LEVEL must be info, elevated, high or critical: '" + level + "'");
    }
    List<Route> routes =
        sinks.isEmpty()
            ? List.of()
            : List.of(
                new Route(
                    minLevel, Set.of(), Map.of(), sinks.stream().map(SinkConfig::name).toList()));
    String inhibit = env.getOrDefault("TOCSIN_NOTIFY_INHIBIT", "default").strip();
    if (!inhibit.equals("default") && !inhibit.equals("off")) {
      throw new IllegalArgumentException(
          "TOCSIN_NOTIFY_INHIBIT must be default or off: '" + inhibit + "'");
    }
    return new NotifierSettings(
        sinks,
        routes,
        null,
        5,
        null,
        duration(env, "TOCSIN_NOTIFY_MAX_AGE", null),
        env.getOrDefault("TOCSIN_NOTIFY_INSTANCE_ID", "0"),
        duration(env, "TOCSIN_NOTIFY_REPEAT_INTERVAL", null),
        inhibit.equals("off") ? List.of() : null,
        grouping(env));
  }

  private static Grouping grouping(Map<String, String> env) {
    String by = env.get("TOCSIN_NOTIFY_GROUP_BY");
    List<String> groupBy =
        by == null
            ? Grouping.defaults().groupBy()
            : Arrays.stream(by.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
    if (groupBy.size() == 1 && groupBy.get(0).equals("none")) {
      groupBy = List.of();
    }
    return new Grouping(
        groupBy,
        duration(env, "TOCSIN_NOTIFY_GROUP_WAIT", null),
        duration(env, "TOCSIN_NOTIFY_GROUP_INTERVAL", null));
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static URI uri(Map<String, String> env, String name) {
    try {
      return new URI(env.get(name).strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(name + " must be a URL: '" + env.get(name) + "'", e);
    }
  }

  static Duration duration(Map<String, String> env, String name, Duration fallback) {
    String value = env.get(name);
    return present(value) ? parseDuration(name, value) : fallback;
  }

  /** Reads a span such as {@code 90s}, {@code 5m}, {@code 2h}, {@code 500ms} or {@code PT1M}. */
  static Duration parseDuration(String name, String value) {
    return Durations.parse(value)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    name + " must be a duration such as 90s, 5m or 1h: '" + value + "'"));
  }

  /** Returns these settings with another retry policy. */
  public NotifierSettings withRetry(RetryPolicy policy) {
    return new NotifierSettings(
        sinks,
        routes,
        policy,
        breakerFailures,
        breakerOpenFor,
        maxAge,
        instanceId,
        repeatInterval,
        inhibitRules,
        grouping);
  }

  /** Returns these settings with another circuit breaker. */
  public NotifierSettings withBreaker(int failures, Duration openFor) {
    return new NotifierSettings(
        sinks,
        routes,
        retry,
        failures,
        openFor,
        maxAge,
        instanceId,
        repeatInterval,
        inhibitRules,
        grouping);
  }

  /** Returns these settings with another dead-letter age. */
  public NotifierSettings withMaxAge(Duration age) {
    return new NotifierSettings(
        sinks,
        routes,
        retry,
        breakerFailures,
        breakerOpenFor,
        age,
        instanceId,
        repeatInterval,
        inhibitRules,
        grouping);
  }

  /** Returns these settings with another default repeat interval. */
  public NotifierSettings withRepeatInterval(Duration interval) {
    return new NotifierSettings(
        sinks,
        routes,
        retry,
        breakerFailures,
        breakerOpenFor,
        maxAge,
        instanceId,
        interval,
        inhibitRules,
        grouping);
  }

  /** Returns these settings with another grouping ({@link Grouping#none} for none). */
  public NotifierSettings withGrouping(Grouping other) {
    return new NotifierSettings(
        sinks,
        routes,
        retry,
        breakerFailures,
        breakerOpenFor,
        maxAge,
        instanceId,
        repeatInterval,
        inhibitRules,
        other);
  }

  /** Returns these settings with other inhibit rules (empty: none). */
  public NotifierSettings withInhibitRules(List<InhibitRule> rules) {
    return new NotifierSettings(
        sinks,
        routes,
        retry,
        breakerFailures,
        breakerOpenFor,
        maxAge,
        instanceId,
        repeatInterval,
        rules,
        grouping);
  }
}
