package dev.tocsin.app;

import dev.tocsin.alerting.topology.AlertSettings;
import dev.tocsin.enrich.topology.EnrichSettings;
import dev.tocsin.ingest.IngestSettings;
import dev.tocsin.ingest.poll.PollPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads service settings from environment variables, failing with a message that names the variable
 * and its bad value.
 */
final class Settings {

  private static final DurationConverter DURATIONS = new DurationConverter();

  private Settings() {}

  /** The ingest settings: {@code TOCSIN_INGEST_*} over {@link IngestSettings#defaults()}. */
  static IngestSettings ingest(Map<String, String> env) {
    IngestSettings d = IngestSettings.defaults();
    PollPolicy p = d.policy();
    try {
      PollPolicy policy =
          new PollPolicy(
              duration(env, "TOCSIN_INGEST_MIN_INTERVAL", p.minInterval()),
              duration(env, "TOCSIN_INGEST_MAX_INTERVAL", p.maxInterval()),
              duration(env, "TOCSIN_INGEST_MAX_BACKOFF", p.maxBackoff()),
              duration(env, "TOCSIN_INGEST_MAX_RETRY_AFTER", p.maxRetryAfter()));
      return new IngestSettings(
          policy,
          integer(env, "TOCSIN_INGEST_WORKERS", d.workers()),
          integer(env, "TOCSIN_INGEST_PER_HOST_LIMIT", d.perHostLimit()),
          duration(env, "TOCSIN_INGEST_CONNECT_TIMEOUT", d.connectTimeout()),
          duration(env, "TOCSIN_INGEST_REQUEST_TIMEOUT", d.requestTimeout()),
          integer(env, "TOCSIN_INGEST_MAX_BODY_BYTES", d.maxBodyBytes()),
          list(env, "TOCSIN_INGEST_ALLOWED_ADDRESSES"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid ingest settings: " + e.getMessage(), e);
    }
  }

  /**
   * The enrich settings: {@code TOCSIN_ENRICH_DEDUP_RETENTION} and {@code
   * TOCSIN_ENRICH_STANDBY_REPLICAS} over the defaults.
   */
  static EnrichSettings enrich(Map<String, String> env) {
    EnrichSettings d = EnrichSettings.defaults();
    Duration retention = duration(env, "TOCSIN_ENRICH_DEDUP_RETENTION", d.dedupRetention());
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException(
          "TOCSIN_ENRICH_DEDUP_RETENTION must be positive: '" + retention + "'");
    }
    int standbys = integer(env, "TOCSIN_ENRICH_STANDBY_REPLICAS", d.standbyReplicas());
    if (standbys < 0) {
      throw new IllegalArgumentException(
          "TOCSIN_ENRICH_STANDBY_REPLICAS must not be negative: '" + standbys + "'");
    }
    return d.withDedupRetention(retention).withStandbyReplicas(standbys);
  }

  /** The alerting settings: {@code TOCSIN_ALERTING_QUIET_PERIOD} over the defaults. */
  static AlertSettings alerting(Map<String, String> env) {
    AlertSettings d = AlertSettings.defaults();
    try {
      return d.withQuietPeriod(duration(env, "TOCSIN_ALERTING_QUIET_PERIOD", d.quietPeriod()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("TOCSIN_ALERTING_QUIET_PERIOD: " + e.getMessage(), e);
    }
  }

  /** {@code TOCSIN_INSTANCE_ID}, else the host name: stable across restarts of one host. */
  static String instanceId(Map<String, String> env) {
    String id = env.get("TOCSIN_INSTANCE_ID");
    if (id != null && !id.isBlank()) {
      if (!id.matches("[A-Za-z0-9._-]{1,100}")) {
        throw new IllegalArgumentException(
            "TOCSIN_INSTANCE_ID may hold letters, digits, '.', '_' and '-' only: '" + id + "'");
      }
      return id;
    }
    try {
      return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "Set TOCSIN_INSTANCE_ID: the host name is unavailable (" + e.getMessage() + ")", e);
    }
  }

  static Duration duration(Map<String, String> env, String name, Duration fallback) {
    return parse(env, name, fallback, DURATIONS::convert, "a duration such as 30s, 5m or PT1H");
  }

  static int integer(Map<String, String> env, String name, int fallback) {
    return parse(env, name, fallback, Integer::parseInt, "a whole number");
  }

  static long integer(Map<String, String> env, String name, long fallback) {
    return parse(env, name, fallback, Long::parseLong, "a whole number");
  }

  static List<String> list(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static <T> T parse(
      Map<String, String> env, String name, T fallback, Function<String, T> parser, String what) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return parser.apply(value.strip());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(name + " must be " + what + ": '" + value + "'", e);
    }
  }
}
