package dev.tocsin.alerting.notify;

import dev.tocsin.schemas.EscalationAlert;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/** Sends PagerDuty Events API v2 events; the alert key is the {@code dedup_key}. */
public final class PagerDutySink implements Sink {

  private final SinkConfig.PagerDuty config;
  private final HttpPoster poster;

  /** Creates the sink. */
  public PagerDutySink(SinkConfig.PagerDuty config, HttpClient http, Clock clock) {
    this.config = config;
    this.poster = new HttpPoster(http, clock, config.timeout());
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public DeliveryResult deliver(EscalationAlert alert, String idempotencyKey) {
    byte[] body =
        PagerDutyPayload.body(alert, config.routingKey()).getBytes(StandardCharsets.UTF_8);
    return poster.post(config.endpoint(), body, Map.of());
  }
}
