package dev.tocsin.alerting.notify;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Configures the notifier: sinks, routes, retries, the circuit breaker and the dead-letter age.
 *
 * @param sinks every sink, by unique name
 * @param routes which alerts go to which sinks
 * @param retry backoff between attempts of one delivery
 * @param breakerFailures failures in a row that open a sink's circuit breaker
 * @param breakerOpenFor how long an open breaker refuses attempts
 * @param maxAge how long a delivery is retried before it goes to the dead-letter topic
 * @param instanceId distinguishes this instance's transactional id from other instances'
 */
public record NotifierSettings(
    List<SinkConfig> sinks,
    List<Route> routes,
    RetryPolicy retry,
    int breakerFailures,
    Duration breakerOpenFor,
    Duration maxAge,
    String instanceId) {

  /** Validates and copies the settings. */
  public NotifierSettings {
    sinks = List.copyOf(Objects.requireNonNull(sinks, "sinks"));
    routes = List.copyOf(Objects.requireNonNull(routes, "routes"));
    retry = retry == null ? RetryPolicy.defaults() : retry;
    breakerOpenFor = breakerOpenFor == null ? Duration.ofSeconds(30) : breakerOpenFor;
    maxAge = maxAge == null ? Duration.ofHours(1) : maxAge;
    instanceId = instanceId == null ? "0" : instanceId;
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

  /** Returns settings that send every alert to every given sink, with default policies. */
  public static NotifierSettings toAll(List<SinkConfig> sinks) {
    List<Route> routes =
        sinks.isEmpty()
            ? List.of()
            : List.of(Route.all(sinks.stream().map(SinkConfig::name).toArray(String[]::new)));
    return new NotifierSettings(sinks, routes, null, 5, null, null, null);
  }

  /** Returns these settings with another retry policy. */
  public NotifierSettings withRetry(RetryPolicy policy) {
    return new NotifierSettings(
        sinks, routes, policy, breakerFailures, breakerOpenFor, maxAge, instanceId);
  }

  /** Returns these settings with another circuit breaker. */
  public NotifierSettings withBreaker(int failures, Duration openFor) {
    return new NotifierSettings(sinks, routes, retry, failures, openFor, maxAge, instanceId);
  }

  /** Returns these settings with another dead-letter age. */
  public NotifierSettings withMaxAge(Duration age) {
    return new NotifierSettings(
        sinks, routes, retry, breakerFailures, breakerOpenFor, age, instanceId);
  }
}
