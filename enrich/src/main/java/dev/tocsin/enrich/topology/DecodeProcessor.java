package dev.tocsin.enrich.topology;

import dev.tocsin.schemas.AvroSerde;
import dev.tocsin.schemas.DeadLetter;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.Topic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decodes raw story bytes; what cannot be decoded becomes a dead letter with its coordinates. */
final class DecodeProcessor implements FixedKeyProcessor<String, byte[], Decoded> {

  private static final Logger LOG = LoggerFactory.getLogger(DecodeProcessor.class);

  private final Topic<String, RawStory> source;
  private final AvroSerde<RawStory> serde;
  private final EnrichMetrics metrics;
  private FixedKeyProcessorContext<String, Decoded> context;

  DecodeProcessor(Topic<String, RawStory> source, EnrichMetrics metrics) {
    this.source = source;
    this.metrics = metrics;
    this.serde = AvroSerde.of(RawStory.class);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Decoded> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    byte[] bytes = record.value();
    if (bytes == null) {
      return;
    }
    try {
      context.forward(record.withValue(new Decoded(serde.decode(bytes), null)));
    } catch (SerializationException e) {
      RecordMetadata where = context.recordMetadata().orElse(null);
      LOG.warn(
          "Undecodable record on {}-{}@{}: {}",
          where == null ? source.name() : where.topic(),
          where == null ? -1 : where.partition(),
          where == null ? -1 : where.offset(),
          e.getMessage());
      DeadLetter letter =
          DeadLetter.newBuilder()
              .setStage("enrich.decode")
              .setTopic(where == null ? source.name() : where.topic())
              .setPartition(where == null ? null : where.partition())
              .setOffset(where == null ? null : where.offset())
              .setKey(
                  record.key() == null
                      ? null
                      : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)))
              .setValue(ByteBuffer.wrap(bytes))
              .setError(e.getMessage())
              .setErrorClass(e.getClass().getName())
              .setFailedAt(Instant.ofEpochMilli(record.timestamp()))
              .build();
      metrics.deadLettered(EnrichMetrics.UNDECODABLE);
      context.forward(record.withValue(new Decoded(null, letter)));
    }
  }
}
