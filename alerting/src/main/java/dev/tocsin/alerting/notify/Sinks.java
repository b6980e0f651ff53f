package dev.tocsin.alerting.notify;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;

/** Builds sinks from their configuration. */
public final class Sinks {

  private Sinks() {}

  /** Returns the sink {@code config} describes; HTTP sinks share {@code http}. */
  public static Sink create(SinkConfig config, HttpClient http, Clock clock) {
    if (config instanceof SinkConfig.Webhook webhook) {
      return new WebhookSink(webhook, http, clock);
    } else if (config instanceof SinkConfig.Slack slack) {
      return new SlackSink(slack, http, clock);
    } else if (config instanceof SinkConfig.PagerDuty pagerDuty) {
      return new PagerDutySink(pagerDuty, http, clock);
    } else if (config instanceof SinkConfig.Alertmanager alertmanager) {
      return new AlertmanagerSink(alertmanager, http, clock);
    } else if (config instanceof SinkConfig.Email email) {
      return new EmailSink(email);
    }
    throw new IllegalArgumentException("unknown sink type: " + config);
  }

  /** Returns a sink for each of {@code configs}. */
  public static List<Sink> createAll(List<SinkConfig> configs, HttpClient http, Clock clock) {
    return configs.stream().map(c -> create(c, http, clock)).toList();
  }
}
