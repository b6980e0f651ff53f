package dev.tocsin.alerting.notify;

import dev.tocsin.alerting.mute.Inhibitor;
import dev.tocsin.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Holds what the notifier's parts share: its settings, sinks and clock, and the parts that keep its
 * state, each owned by the notifier's thread.
 */
record NotifierParts(
    Topics topics,
    NotifierSettings settings,
    Map<String, Sink> sinks,
    Map<String, CircuitBreaker> breakers,
    Router router,
    MeterRegistry meters,
    Clock clock,
    DeliveryLedger ledger,
    HoldBack holdBack,
    GroupBuffers groups,
    Resender resender,
    Reminders reminders,
    PartitionQueues queues,
    Outbox outbox) {

  /** Returns the parts of a notifier over {@code sinks}, by name, with a breaker each. */
  static NotifierParts create(
      Topics topics,
      NotifierSettings settings,
      Map<String, Sink> sinks,
      MeterRegistry meters,
      Clock clock) {
    Map<String, CircuitBreaker> breakers = new HashMap<>();
    for (String sink : sinks.keySet()) {
      breakers.put(sink, new CircuitBreaker(settings.breakerFailures(), settings.breakerOpenFor()));
    }
    DeliveryLedger ledger = new DeliveryLedger();
    return new NotifierParts(
        topics,
        settings,
        sinks,
        breakers,
        new Router(settings.routes(), sinks.keySet()),
        meters,
        clock,
        ledger,
        new HoldBack(new Inhibitor(settings.inhibitRules()), ledger, meters),
        new GroupBuffers(settings.grouping(), sinks),
        new Resender(sinks.values(), breakers, clock),
        new Reminders(),
        new PartitionQueues(meters),
        new Outbox(topics, settings.instanceId()));
  }
}
