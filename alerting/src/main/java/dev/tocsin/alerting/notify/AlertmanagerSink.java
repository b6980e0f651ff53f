package dev.tocsin.alerting.notify;

import dev.tocsin.schemas.EscalationAlert;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Posts alerts to Alertmanager's {@code /api/v2/alerts}; the notifier re-posts firing ones every
 * resend interval, as Alertmanager expects of its clients.
 */
public final class AlertmanagerSink implements Sink {

  private final SinkConfig.Alertmanager config;
  private final HttpPoster poster;
  private final Clock clock;
  private final URI alertsUrl;

  /** Creates the sink. */
  public AlertmanagerSink(SinkConfig.Alertmanager config, HttpClient http, Clock clock) {
    this.config = config;
    this.poster = new HttpPoster(http, clock, config.timeout());
    this.clock = clock;
    String base = config.url().toString();
    this.alertsUrl = URI.create((base.endsWith("/") ? base : base + "/") + "api/v2/alerts");
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public DeliveryResult deliver(EscalationAlert alert, String idempotencyKey) {
    return resend(List.of(alert));
  }

  @Override
  public Optional<Duration> resendInterval() {
    return Optional.of(config.resendInterval());
  }

  @Override
  public DeliveryResult resend(Collection<EscalationAlert> firing) {
    String body = AlertmanagerPayload.body(firing, clock.instant(), config.resendInterval());
    return poster.post(alertsUrl, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }
}
