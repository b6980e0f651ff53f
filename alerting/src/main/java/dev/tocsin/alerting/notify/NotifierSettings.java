package dev.tocsin.alerting.notify;

import dev.tocsin.alerting.mute.InhibitRule;
import dev.tocsin.platform.config.Setting;
import dev.tocsin.platform.text.Durations;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
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

  /** The settings of the notifier, in the order of the documentation's table. */
  public static final List<Setting> DEFINED = NotifierEnvironment.DEFINED;

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
    return NotifierEnvironment.read(env);
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
