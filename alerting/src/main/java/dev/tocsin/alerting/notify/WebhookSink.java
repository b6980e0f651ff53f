package dev.tocsin.alerting.notify;

import dev.tocsin.schemas.EscalationAlert;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POSTs the alert as JSON with {@code Idempotency-Key: <alert key>:<version>} (plus {@code
 * :repeat-N} when a still-firing alert is notified again) and, when a secret is configured, {@code
 * X-Tocsin-Signature: sha256=<HMAC-SHA256 of the body>}.
 */
public final class WebhookSink implements Sink {

  /** The header naming the alert version, so that receivers can drop repeats. */
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private final SinkConfig.Webhook config;
  private final HttpPoster poster;

  /** Creates the sink. */
  public WebhookSink(SinkConfig.Webhook config, HttpClient http, Clock clock) {
    this.config = config;
    this.poster = new HttpPoster(http, clock, config.timeout());
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public DeliveryResult deliver(EscalationAlert alert, String idempotencyKey) {
    // A repeat of a still-firing alert carries a key of its own, or receivers would drop it.
    String receiverKey = alertVersionKey(alert) + Notifier.repeatSuffix(idempotencyKey);
    byte[] body = AlertJson.webhookBody(alert, receiverKey).getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(IDEMPOTENCY_HEADER, receiverKey);
    if (config.secret() != null) {
      headers.put(WebhookSigner.HEADER, WebhookSigner.sign(config.secret(), body));
    }
    return poster.post(config.url(), body, headers);
  }

  /** Returns the key receivers deduplicate on: alert key and version. */
  public static String alertVersionKey(EscalationAlert alert) {
    return alert.getAlertKey() + ":" + alert.getVersion();
  }

  @Override
  public boolean groups() {
    return true;
  }

  @Override
  public DeliveryResult deliverGroup(GroupNotification group) {
    byte[] body = AlertJson.webhookGroupBody(group).getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(IDEMPOTENCY_HEADER, group.idempotencyKey());
    if (config.secret() != null) {
      headers.put(WebhookSigner.HEADER, WebhookSigner.sign(config.secret(), body));
    }
    return poster.post(config.url(), body, headers);
  }
}
