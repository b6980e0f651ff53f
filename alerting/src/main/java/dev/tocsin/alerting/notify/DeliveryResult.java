package dev.tocsin.alerting.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one attempt to hand an alert to a sink.
 *
 * @param kind delivered, worth retrying, or failed for good
 * @param httpStatus the receiver's HTTP status, when there was one
 * @param retryAfter how long the receiver asked us to wait, when it did
 * @param error what went wrong, null when delivered
 */
public record DeliveryResult(Kind kind, Integer httpStatus, Duration retryAfter, String error) {

  /** What an attempt came to. */
  public enum Kind {
    /** The receiver acknowledged the alert. */
    DELIVERED,
    /** A transient failure: timeouts, connection errors, 408, 429, 5xx. */
    RETRY,
    /** A permanent failure: other 4xx, a rejected address; retrying cannot help. */
    PERMANENT
  }

  /** Validates the result. */
  public DeliveryResult {
    Objects.requireNonNull(kind, "kind");
  }

  /** Returns an acknowledgement with the given HTTP status (null outside HTTP). */
  public static DeliveryResult delivered(Integer httpStatus) {
    return new DeliveryResult(Kind.DELIVERED, httpStatus, null, null);
  }

  /** Returns a transient failure. */
  public static DeliveryResult retry(Integer httpStatus, Duration retryAfter, String error) {
    return new DeliveryResult(Kind.RETRY, httpStatus, retryAfter, error);
  }

  /** Returns a permanent failure. */
  public static DeliveryResult permanent(Integer httpStatus, String error) {
    return new DeliveryResult(Kind.PERMANENT, httpStatus, null, error);
  }

  /**
   * Classifies an HTTP response status: 2xx delivered; 408, 425, 429, 5xx retry; else permanent.
   */
  public static DeliveryResult ofHttpStatus(int status, Duration retryAfter, String body) {
    if (status >= 200 && status < 300) {
      return delivered(status);
    }
    String error =
        "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body));
    if (status == 408 || status == 425 || status == 429 || status >= 500) {
      return retry(status, retryAfter, error);
    }
    return permanent(status, error);
  }

  private static String abbreviate(String body) {
    String line = body.strip().replaceAll("\\s+", " ");
    return line.length() <= 200 ? line : line.substring(0, 200) + "…";
  }
}
