package dev.tocsin.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One version of a record schema as the schemas topic holds it, keyed by its fingerprint: the value
 * is plain JSON ({@code {"name": ..., "version": ..., "fingerprint": ..., "schema": "..."}}, the
 * schema as JSON text), so that a reader needs no Avro to find a writer schema.
 *
 * @param name the record's full name, e.g. {@code dev.tocsin.schemas.Feed}
 * @param version its version number: N for {@code history/<Name>/vN.avsc}, one past the last kept
 *     version for a schema not yet released
 * @param fingerprint the fingerprint as the single-object header carries it, in hex
 * @param schema the schema
 */
public record SchemaVersion(String name, int version, String fingerprint, Schema schema) {

  private static final Schema JSON_SCHEMA =
      SchemaBuilder.record("SchemaVersion")
          .namespace("dev.tocsin.schemas.registry")
          .fields()
          .requiredString("name")
          .requiredInt("version")
          .requiredString("fingerprint")
          .requiredString("schema")
          .endRecord();

  /** Validates the fields and checks the fingerprint against the schema. */
  public SchemaVersion {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(schema, "schema");
    if (!fingerprint.equals(AvroSerde.fingerprint(schema))) {
      throw new IllegalArgumentException(
          "fingerprint " + fingerprint + " is not that of schema " + schema.getFullName());
    }
  }

  /** Returns the version of {@code schema} among the kept versions of its record. */
  public static SchemaVersion of(Schema schema) {
    String fingerprint = AvroSerde.fingerprint(schema);
    List<Schema> kept = SchemaHistory.versions(schema.getName());
    int version = kept.size() + 1;
    for (int i = 0; i < kept.size(); i++) {
      if (AvroSerde.fingerprint(kept.get(i)).equals(fingerprint)) {
        version = i + 1;
      }
    }
    return new SchemaVersion(schema.getFullName(), version, fingerprint, schema);
  }

  /** Returns the version that a generated record class writes. */
  public static SchemaVersion of(Class<? extends SpecificRecord> type) {
    return of(SpecificData.get().getSchema(type));
  }

  /** Returns the topic value: UTF-8 JSON. */
  public byte[] toJson() {
    GenericRecord record = new GenericData.Record(JSON_SCHEMA);
    record.put("name", name);
    record.put("version", version);
    record.put("fingerprint", fingerprint);
    record.put("schema", schema.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Encoder encoder = EncoderFactory.get().jsonEncoder(JSON_SCHEMA, out);
      new GenericDatumWriter<GenericRecord>(JSON_SCHEMA).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new SerializationException("Cannot write schema " + name + " v" + version, e);
    }
    return out.toByteArray();
  }

  /** Reads a topic value; throws a {@link SerializationException} naming what is wrong. */
  public static SchemaVersion fromJson(byte[] json) {
    Objects.requireNonNull(json, "json");
    String text = new String(json, StandardCharsets.UTF_8);
    try {
      GenericRecord record =
          new GenericDatumReader<GenericRecord>(JSON_SCHEMA)
              .read(null, DecoderFactory.get().jsonDecoder(JSON_SCHEMA, text));
      return new SchemaVersion(
          record.get("name").toString(),
          (Integer) record.get("version"),
          record.get("fingerprint").toString(),
          new Schema.Parser().parse(record.get("schema").toString()));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Not a schema version record: " + e.getMessage(), e);
    }
  }

  /** Returns the serde of the schemas topic's values. */
  public static Serde<SchemaVersion> serde() {
    Serializer<SchemaVersion> serializer = (topic, value) -> value == null ? null : value.toJson();
    Deserializer<SchemaVersion> deserializer =
        (topic, bytes) -> bytes == null ? null : fromJson(bytes);
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
