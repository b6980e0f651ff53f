package dev.tocsin.alerting.notify;

import dev.tocsin.schemas.EscalationAlert;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/** A receiver of alerts: a webhook, a chat channel, a pager, Alertmanager, a mailbox. */
public interface Sink extends AutoCloseable {

  /** Returns the sink's configured name. */
  String name();

  /**
   * Hands one alert version to the receiver and reports whether it acknowledged it; never throws
   * for a receiver's failure.
   */
  DeliveryResult deliver(EscalationAlert alert, String idempotencyKey);

  /** Returns whether this sink can notify a group of alerts at once ({@link #deliverGroup}). */
  default boolean groups() {
    return false;
  }

  /**
   * Hands a group of alert versions to the receiver in one notification; only called when {@link
   * #groups} is true. Never throws for a receiver's failure.
   */
  default DeliveryResult deliverGroup(GroupNotification notification) {
    throw new UnsupportedOperationException(name() + " does not group alerts");
  }

  /** Returns how often firing alerts must be posted again (Alertmanager), or empty for never. */
  default Optional<Duration> resendInterval() {
    return Optional.empty();
  }

  /** Posts the still-firing alerts again; only called when {@link #resendInterval} is present. */
  default DeliveryResult resend(Collection<EscalationAlert> firing) {
    return DeliveryResult.delivered(null);
  }

  @Override
  default void close() {}
}
