package dev.tocsin.alerting.notify;

import dev.tocsin.schemas.EscalationAlert;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One alert record and the sinks it still has to reach; or, with no record, a held-back alert
 * released or a firing alert repeated ({@code repeat} > 0).
 */
final class Pending {
  final ConsumerRecord<String, byte[]> record;
  final EscalationAlert alert;
  final int repeat;
  final Map<String, Attempts> open = new LinkedHashMap<>();

  boolean offsetQueued;

  Pending(ConsumerRecord<String, byte[]> record, EscalationAlert alert, int repeat) {
    this.record = record;
    this.alert = alert;
    this.repeat = repeat;
  }

  /** Returns the idempotency key of this delivery to {@code sink}. */
  String key(String sink) {
    return Notifier.idempotencyKey(alert, sink, repeat);
  }

  /** Returns the partition of the record, or null for a release or a repeat. */
  TopicPartition partition() {
    return record == null ? null : new TopicPartition(record.topic(), record.partition());
  }
}
