package dev.tocsin.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes Avro records in the specification's single-object encoding ({@code C3 01}, the 8-byte
 * CRC-64-AVRO fingerprint, then the binary body) and decodes any kept writer version by
 * fingerprint.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private AvroSerde(
      Class<T> type, Schema schema, List<Schema> writerSchemas, SchemaStore resolver) {
    this.type = type;
    SpecificData model = SpecificData.getForClass(type);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema, resolver);
    writerSchemas.forEach(decoder::addSchema);
  }

  /**
   * Returns a serde for a generated record class that reads every kept version of its schema (the
   * {@link SchemaHistory} beside the class).
   */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    Objects.requireNonNull(type, "type");
    Schema schema = SpecificData.get().getSchema(type);
    TrustedClasses.register(schema);
    return new AvroSerde<>(type, schema, SchemaHistory.versions(type), null);
  }

  /**
   * Returns a serde that reads every kept version of its schema and asks {@code resolver} for a
   * writer schema it does not keep, such as a {@link TopicSchemaStore} for versions newer than this
   * jar.
   */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type, SchemaStore resolver) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(resolver, "resolver");
    Schema schema = SpecificData.get().getSchema(type);
    TrustedClasses.register(schema);
    return new AvroSerde<>(type, schema, SchemaHistory.versions(type), resolver);
  }

  /** Returns a serde that also resolves the given earlier writer schemas; for tools and tests. */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type, List<Schema> writers) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(writers, "writers");
    Schema schema = SpecificData.get().getSchema(type);
    TrustedClasses.register(schema);
    return new AvroSerde<>(type, schema, writers, null);
  }

  /** Returns the record type this serde reads and writes. */
  public Class<T> type() {
    return type;
  }

  /** Encodes one record; never returns null for a non-null record. */
  public byte[] encode(T value) {
    try {
      ByteBuffer buffer = encoder.encode(value);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | AvroRuntimeException e) {
      throw new SerializationException(
          "Cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** Decodes one record, resolving its writer schema by fingerprint. */
  public T decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    try {
      return decoder.decode(bytes);
    } catch (MissingSchemaException e) {
      throw new SerializationException(
          "Cannot decode "
              + type.getSimpleName()
              + ": unknown writer schema fingerprint "
              + fingerprintOf(bytes),
          e);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new SerializationException(
          "Cannot decode "
              + type.getSimpleName()
              + " from "
              + bytes.length
              + " bytes: "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : encode(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return decode(bytes);
      } catch (SerializationException e) {
        throw new SerializationException("Topic " + topic + ": " + e.getMessage(), e);
      }
    };
  }

  /** Returns the fingerprint of a schema as the single-object header carries it, in hex. */
  public static String fingerprint(Schema schema) {
    long fp = SchemaNormalization.parsingFingerprint64(schema);
    byte[] le = new byte[8];
    for (int i = 0; i < 8; i++) {
      le[i] = (byte) (fp >>> (8 * i));
    }
    return HexFormat.of().formatHex(le);
  }

  private static String fingerprintOf(byte[] bytes) {
    return bytes.length < 10
        ? "(record too short)"
        : HexFormat.of().formatHex(Arrays.copyOfRange(bytes, 2, 10));
  }
}
