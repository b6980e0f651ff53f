package dev.tocsin.alerting.notify;

import dev.tocsin.schemas.EscalationAlert;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/** POSTs the alert to a Slack incoming webhook. */
public final class SlackSink implements Sink {

  private final SinkConfig.Slack config;
  private final HttpPoster poster;

  /** Creates the sink. */
  public SlackSink(SinkConfig.Slack config, HttpClient http, Clock clock) {
    this.config = config;
    this.poster = new HttpPoster(http, clock, config.timeout());
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public DeliveryResult deliver(EscalationAlert alert, String idempotencyKey) {
    return poster.post(
        config.url(), SlackPayload.body(alert).getBytes(StandardCharsets.UTF_8), Map.of());
  }

  @Override
  public boolean groups() {
    return true;
  }

  @Override
  public DeliveryResult deliverGroup(GroupNotification group) {
    return poster.post(
        config.url(), SlackPayload.groupBody(group).getBytes(StandardCharsets.UTF_8), Map.of());
  }
}
