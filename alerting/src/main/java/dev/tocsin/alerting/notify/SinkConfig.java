package dev.tocsin.alerting.notify;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Configures one named sink; routes refer to sinks by name. */
public sealed interface SinkConfig {

  /** The default PagerDuty Events API v2 endpoint. */
  URI PAGERDUTY_EVENTS_V2 = URI.create("https://events.pagerduty.com/v2/enqueue");

  /** The default time an HTTP or SMTP request may take. */
  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Returns the name routes use. */
  String name();

  /**
   * A generic JSON webhook, signed with HMAC-SHA256 over the body.
   *
   * @param name sink name
   * @param url where the alert is POSTed
   * @param secret shared secret of the {@code X-Tocsin-Signature} header; null sends no signature
   * @param timeout request timeout
   */
  record Webhook(String name, URI url, String secret, Duration timeout) implements SinkConfig {
    /** Validates the sink. */
    public Webhook {
      requireName(name);
      requireHttp(name, url);
      timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }
  }

  /**
   * A Slack incoming webhook.
   *
   * @param name sink name
   * @param url the incoming-webhook URL
   * @param timeout request timeout
   */
  record Slack(String name, URI url, Duration timeout) implements SinkConfig {
    /** Validates the sink. */
    public Slack {
      requireName(name);
      requireHttp(name, url);
      timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }
  }

  /**
   * PagerDuty Events API v2: trigger on firing and updated alerts, resolve on resolved ones.
   *
   * @param name sink name
   * @param endpoint events endpoint; null means {@link #PAGERDUTY_EVENTS_V2}
   * @param routingKey the integration's routing key
   * @param timeout request timeout
   */
  record PagerDuty(String name, URI endpoint, String routingKey, Duration timeout)
      implements SinkConfig {
    /** Validates the sink. */
    public PagerDuty {
      requireName(name);
      endpoint = endpoint == null ? PAGERDUTY_EVENTS_V2 : endpoint;
      requireHttp(name, endpoint);
      if (routingKey == null || routingKey.isBlank()) {
        throw new IllegalArgumentException("sink '" + name + "': routingKey must be set");
      }
      timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }
  }

  /**
   * Prometheus Alertmanager's v2 API; firing alerts are re-posted every {@code resendInterval}.
   *
   * @param name sink name
   * @param url Alertmanager's base URL, e.g. {@code http://127.0.0.1:9093}
   * @param resendInterval how often firing alerts are posted again
   * @param timeout request timeout
   */
  record Alertmanager(String name, URI url, Duration resendInterval, Duration timeout)
      implements SinkConfig {
    /** Validates the sink. */
    public Alertmanager {
      requireName(name);
      requireHttp(name, url);
      resendInterval = resendInterval == null ? Duration.ofMinutes(1) : resendInterval;
      if (resendInterval.isNegative() || resendInterval.isZero()) {
        throw new IllegalArgumentException(
            "sink '" + name + "': resendInterval must be positive: " + resendInterval);
      }
      timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }
  }

  /**
   * Email over SMTP.
   *
   * @param name sink name
   * @param host SMTP server host
   * @param port SMTP server port
   * @param startTls whether to require STARTTLS
   * @param username SMTP user, null for no authentication
   * @param password SMTP password
   * @param from sender address
   * @param to recipients
   * @param timeout connection and read timeout
   */
  record Email(
      String name,
      String host,
      int port,
      boolean startTls,
      String username,
      String password,
      String from,
      List<String> to,
      Duration timeout)
      implements SinkConfig {
    /** Validates the sink. */
    public Email {
      requireName(name);
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("sink '" + name + "': host must be set");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("sink '" + name + "': bad port " + port);
      }
      if (from == null || from.isBlank()) {
        throw new IllegalArgumentException("sink '" + name + "': from must be set");
      }
      to = List.copyOf(Objects.requireNonNull(to, "to"));
      if (to.isEmpty()) {
        throw new IllegalArgumentException("sink '" + name + "': at least one recipient needed");
      }
      timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }
  }

  private static void requireName(String name) {
    if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "sink name may hold only letters, digits, '.', '_' and '-': '" + name + "'");
    }
  }

  private static void requireHttp(String name, URI url) {
    if (url == null
        || url.getScheme() == null
        || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
        || url.getHost() == null) {
      throw new IllegalArgumentException("sink '" + name + "': needs an http(s) URL: " + url);
    }
  }
}
