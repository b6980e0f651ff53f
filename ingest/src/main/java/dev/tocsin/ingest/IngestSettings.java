package dev.tocsin.ingest;

import dev.tocsin.ingest.feed.AddressGuard;
import dev.tocsin.ingest.poll.PollPolicy;
import java.time.Duration;
import java.util.List;
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
