package dev.tocsin.ingest;

import dev.tocsin.ingest.feed.AddressGuard;
import dev.tocsin.ingest.poll.PollPolicy;
import dev.tocsin.platform.config.Setting;
import dev.tocsin.platform.config.Setting.Type;
import dev.tocsin.platform.config.SettingValues;
import dev.tocsin.platform.kafka.KafkaSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How ingest fetches and schedules.
 *
 * @param policy poll intervals and backoff
 * @param workers how many feeds are polled at once
 * @param perHostLimit how many polls of one host may run at once
 * @param connectTimeout the TCP/TLS connect timeout
 * @param requestTimeout the whole-request deadline, body included
 * @param maxBodyBytes the largest feed body accepted (after decompression)
 * @param allowedAddresses CIDR blocks exempt from the private-address guard ({@code loopback} for
 *     127.0.0.0/8 and ::1)
 */
public record IngestSettings(
    PollPolicy policy,
    int workers,
    int perHostLimit,
    Duration connectTimeout,
    Duration requestTimeout,
    long maxBodyBytes,
    List<String> allowedAddresses) {

  /** The settings of ingest, in the order of the documentation's table. */
  public static final List<Setting> DEFINED =
      List.of(
          Setting.of(
              "TOCSIN_INGEST_WORKERS",
              "16",
              null,
              "feeds fetched at once by one instance",
              Type.POSITIVE_NUMBER),
          Setting.of(
              "TOCSIN_INGEST_PER_HOST_LIMIT",
              "2",
              null,
              "fetches of one host at once",
              Type.POSITIVE_NUMBER),
          Setting.of(
              "TOCSIN_INGEST_MIN_INTERVAL",
              "1m",
              null,
              "shortest interval between two polls of a feed",
              Type.DURATION),
          Setting.of(
              "TOCSIN_INGEST_MAX_INTERVAL",
              "1h",
              null,
              "longest interval between two polls of a healthy feed",
              Type.DURATION),
          Setting.of(
              "TOCSIN_INGEST_MAX_BACKOFF",
              "6h",
              null,
              "longest delay after consecutive failures",
              Type.DURATION),
          Setting.of(
              "TOCSIN_INGEST_MAX_RETRY_AFTER",
              "1d",
              null,
              "longest `Retry-After` honoured",
              Type.DURATION),
          Setting.of(
              "TOCSIN_INGEST_CONNECT_TIMEOUT",
              "10s",
              null,
              "TCP and TLS connect timeout",
              Type.DURATION),
          Setting.of(
              "TOCSIN_INGEST_REQUEST_TIMEOUT",
              "30s",
              null,
              "whole-request deadline",
              Type.DURATION),
          Setting.of(
              "TOCSIN_INGEST_MAX_BODY_BYTES",
              "10485760",
              null,
              "largest feed body accepted, after decompression",
              Type.POSITIVE_NUMBER),
          Setting.of(
              "TOCSIN_INGEST_ALLOWED_ADDRESSES",
              null,
              "empty",
              "comma-separated CIDR blocks (or `loopback`) exempt from the private-address guard,"
                  + " e.g. an internal feed proxy",
              Type.LIST));

  /** Validates the settings. */
  public IngestSettings {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    allowedAddresses = List.copyOf(allowedAddresses);
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1: " + workers);
    }
    if (perHostLimit < 1) {
      throw new IllegalArgumentException("perHostLimit must be at least 1: " + perHostLimit);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1024: " + maxBodyBytes);
    }
    AddressGuard.allowing(allowedAddresses);
  }

  /** 16 workers, 2 polls per host, 10 s connect, 30 s request, 10 MiB, no private addresses. */
  public static IngestSettings defaults() {
    return new IngestSettings(
        PollPolicy.defaults(),
        16,
        2,
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        10L * 1024 * 1024,
        List.of());
  }

  /**
   * Reads {@code TOCSIN_INGEST_*} from the configuration in force (keyed by environment variable)
   * over {@link #defaults()}; fails naming the variable and its bad value.
   */
  public static IngestSettings fromEnvironment(Map<String, String> env) {
    IngestSettings d = defaults();
    PollPolicy p = d.policy();
    SettingValues values = new SettingValues(DEFINED, env);
    try {
      PollPolicy policy =
          new PollPolicy(
              values.duration("TOCSIN_INGEST_MIN_INTERVAL", p.minInterval()),
              values.duration("TOCSIN_INGEST_MAX_INTERVAL", p.maxInterval()),
              values.duration("TOCSIN_INGEST_MAX_BACKOFF", p.maxBackoff()),
              values.duration("TOCSIN_INGEST_MAX_RETRY_AFTER", p.maxRetryAfter()));
      return new IngestSettings(
          policy,
          values.integer("TOCSIN_INGEST_WORKERS", d.workers()),
          values.integer("TOCSIN_INGEST_PER_HOST_LIMIT", d.perHostLimit()),
          values.duration("TOCSIN_INGEST_CONNECT_TIMEOUT", d.connectTimeout()),
          values.duration("TOCSIN_INGEST_REQUEST_TIMEOUT", d.requestTimeout()),
          values.integer("TOCSIN_INGEST_MAX_BODY_BYTES", d.maxBodyBytes()),
          values.list("TOCSIN_INGEST_ALLOWED_ADDRESSES"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid ingest settings: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the name of this ingest instance in the ingest group and its transactions: {@code
   * TOCSIN_INSTANCE_ID} ({@link KafkaSettings#instanceId()}), else the host name, stable across
   * restarts of one host.
   */
  public static String instanceId(KafkaSettings kafka) {
    if (kafka.instanceId() != null) {
      return kafka.instanceId();
    }
    try {
      return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "Set TOCSIN_INSTANCE_ID: the host name is unavailable (" + e.getMessage() + ")", e);
    }
  }

  /** Returns these settings with another poll policy. */
  public IngestSettings withPolicy(PollPolicy newPolicy) {
    return new IngestSettings(
        newPolicy,
        workers,
        perHostLimit,
        connectTimeout,
        requestTimeout,
        maxBodyBytes,
        allowedAddresses);
  }

  /** Returns these settings with the given addresses exempt from the guard. */
  public IngestSettings withAllowedAddresses(List<String> allowed) {
    return new IngestSettings(
        policy, workers, perHostLimit, connectTimeout, requestTimeout, maxBodyBytes, allowed);
  }

  /** Returns the address guard these settings describe. */
  public AddressGuard guard() {
    return AddressGuard.allowing(allowedAddresses);
  }
}
