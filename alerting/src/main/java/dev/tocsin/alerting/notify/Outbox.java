package dev.tocsin.alerting.notify;

import dev.tocsin.schemas.DeadLetter;
import dev.tocsin.schemas.DeliveryOutcome;
import dev.tocsin.schemas.DeliveryReceipt;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers receipts, dead letters and consumed offsets, and commits them together in one Kafka
 * transaction.
 */
final class Outbox {

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  private final Topics topics;
  private final String instanceId;
  private final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
  private final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
  private KafkaProducer<byte[], byte[]> producer;
  private KafkaConsumer<String, byte[]> consumer;

  Outbox(Topics topics, String instanceId) {
    this.topics = topics;
    this.instanceId = instanceId;
  }

  /** Commits with {@code producer}, and the offsets in the group of {@code consumer}. */
  void bind(KafkaProducer<byte[], byte[]> producer, KafkaConsumer<String, byte[]> consumer) {
    this.producer = producer;
    this.consumer = consumer;
  }

  /** Returns whether {@link #bind} gave the outbox its clients. */
  boolean isBound() {
    return producer != null && consumer != null;
  }

  /** Commits the receipts, dead letters and offsets gathered so far in one transaction. */
  void commit() {
    if (records.isEmpty() && offsets.isEmpty()) {
      return;
    }
    try {
      producer.beginTransaction();
      for (ProducerRecord<byte[], byte[]> record : records) {
        producer.send(
            record,
            (metadata, e) -> {
              if (e != null) {
                LOG.warn("Cannot write to {}: {}", record.topic(), e.toString());
              }
            });
      }
      if (!offsets.isEmpty()) {
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      }
      producer.commitTransaction();
      records.clear();
      offsets.clear();
    } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
      throw new IllegalStateException(
          "Notifier " + instanceId + " cannot commit any more: " + e, e);
    } catch (KafkaException e) {
      LOG.warn("Transaction failed, will try again: {}", e.toString());
      producer.abortTransaction();
    }
  }

  /** Queues the offset after {@code record}'s as its partition's next commit. */
  void consumed(ConsumerRecord<String, byte[]> record) {
    offsets.put(
        new TopicPartition(record.topic(), record.partition()),
        new OffsetAndMetadata(record.offset() + 1));
  }

  /** Drops the offset queued for {@code partition}, which this instance no longer owns. */
  void forget(TopicPartition partition) {
    offsets.remove(partition);
  }

  /** Queues the receipt of {@code p}'s delivery to {@code sink}. */
  void receipt(
      Pending p,
      String sink,
      DeliveryOutcome outcome,
      int attempt,
      Integer httpStatus,
      String error,
      Instant now) {
    String key = p.key(sink);
    DeliveryReceipt receipt =
        DeliveryReceipt.newBuilder()
            .setIdempotencyKey(key)
            .setAlertKey(p.alert.getAlertKey())
            .setAlertVersion(p.alert.getVersion())
            .setSink(sink)
            .setOutcome(outcome)
            .setAttempt(attempt)
            .setHttpStatus(httpStatus)
            .setError(error)
            .setAt(now)
            .build();
    records.add(record(topics.deliveries(), key, receipt));
  }

  /** Queues a dead letter for a release or repeat, which has no record of its own. */
  void deadLetter(EscalationAlert alert, String stage, String error, Instant now) {
    Topic<String, EscalationAlert> topic = topics.alerts();
    byte[] value = topic.valueSerde().serializer().serialize(topic.name(), alert);
    DeadLetter.Builder letter = DeadLetter.newBuilder().setTopic(topic.name());
    deadLetter(letter, alert.getAlertKey(), value, stage, error, now);
  }

  /** Queues a dead letter carrying {@code record}'s coordinates and bytes. */
  void deadLetter(
      ConsumerRecord<String, byte[]> record,
      String stage,
      String error,
      String errorClass,
      Instant now) {
    DeadLetter.Builder letter =
        DeadLetter.newBuilder()
            .setTopic(record.topic())
            .setPartition(record.partition())
            .setOffset(record.offset())
            .setErrorClass(errorClass);
    deadLetter(letter, record.key(), record.value(), stage, error, now);
  }

  private void deadLetter(
      DeadLetter.Builder letter,
      String key,
      byte[] value,
      String stage,
      String error,
      Instant now) {
    letter
        .setStage(stage)
        .setKey(key == null ? null : ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)))
        .setValue(value == null ? null : ByteBuffer.wrap(value))
        .setError(error)
        .setFailedAt(now);
    records.add(record(topics.alertsDlq(), key, letter.build()));
  }

  private static <V> ProducerRecord<byte[], byte[]> record(
      Topic<String, V> topic, String key, V value) {
    return new ProducerRecord<>(
        topic.name(),
        topic.keySerde().serializer().serialize(topic.name(), key),
        topic.valueSerde().serializer().serialize(topic.name(), value));
  }
}
