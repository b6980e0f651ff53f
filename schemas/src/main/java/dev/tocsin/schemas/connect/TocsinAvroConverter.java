package dev.tocsin.schemas.connect;

import dev.tocsin.schemas.SchemaCatalog;
import dev.tocsin.schemas.SchemaHistory;
import dev.tocsin.schemas.TopicSchemaStore;
import dev.tocsin.schemas.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Reads the values of Tocsin's topics (single-object Avro) into Connect structs, for sink
 * connectors. The writer schema is found by its fingerprint among the versions this jar keeps, else
 * on the {@code tocsin.schemas} topic; the record is read with the newest version of its schema
 * this jar knows, so a topic's Connect schema changes when this jar is updated, not when Tocsin is.
 * Keys are plain strings: use {@code StringConverter} for them.
 *
 * <p>Settings (after the worker's {@code value.converter.} prefix):
 *
 * <ul>
 *   <li>{@code schemas.client.*}: Kafka client settings for reading the schemas topic, at least
 *       {@code schemas.client.bootstrap.servers}; without it only the versions this jar keeps are
 *       read.
 *   <li>{@code topic.prefix}: Tocsin's topic prefix, default {@code tocsin.}.
 *   <li>{@code schemas.timeout.ms}: how long one reading of the schemas topic may take.
 *   <li>{@code collections}: {@code connect} (arrays and maps as Connect arrays and maps, the
 *       default) or {@code json} (as JSON text, for sinks that write flat rows of scalars).
 * </ul>
 */
public final class TocsinAvroConverter implements Converter {

  /** Prefix of the Kafka client settings for reading the schemas topic. */
  public static final String SCHEMAS_CLIENT_PREFIX = "schemas.client.";

  /** Tocsin's topic prefix; the schemas topic is its {@code schemas}. */
  public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";

  /** How long one reading of the schemas topic may take, in milliseconds. */
  public static final String SCHEMAS_TIMEOUT_CONFIG = "schemas.timeout.ms";

  /** How arrays and maps are given: {@code connect} or {@code json}. */
  public static final String COLLECTIONS_CONFIG = "collections";

  private static final byte[] MARKER = {(byte) 0xC3, (byte) 0x01};
  private static final int HEADER = 10;

  private static final ConfigDef CONFIG =
      new ConfigDef()
          .define(
              TOPIC_PREFIX_CONFIG,
              ConfigDef.Type.STRING,
              Topics.DEFAULT_PREFIX,
              ConfigDef.Importance.MEDIUM,
              "Tocsin's topic prefix; the schemas topic is <prefix>schemas.")
          .define(
              SCHEMAS_TIMEOUT_CONFIG,
              ConfigDef.Type.LONG,
              30_000L,
              ConfigDef.Range.atLeast(1),
              ConfigDef.Importance.LOW,
              "How long one reading of the schemas topic may take, in milliseconds.")
          .define(
              COLLECTIONS_CONFIG,
              ConfigDef.Type.STRING,
              "connect",
              ConfigDef.ValidString.in("connect", "json"),
              ConfigDef.Importance.MEDIUM,
              "connect: arrays and maps as Connect arrays and maps; json: as JSON text.");

  private final Map<Long, Schema> kept = new HashMap<>();
  private final Map<String, Schema> newest = new HashMap<>();
  private final Map<Long, Reading> readings = new ConcurrentHashMap<>();
  private SchemaStore resolver = fingerprint -> null;
  private boolean collectionsAsJson;

  /** Creates a converter that knows every schema version this jar keeps. */
  public TocsinAvroConverter() {
    for (Class<? extends SpecificRecord> type : SchemaCatalog.TOPIC_VALUE_TYPES) {
      Schema current = SpecificData.get().getSchema(type);
      newest.put(current.getFullName(), current);
      kept.put(SchemaNormalization.parsingFingerprint64(current), current);
      for (Schema version : SchemaHistory.versions(current.getName())) {
        kept.put(SchemaNormalization.parsingFingerprint64(version), version);
      }
    }
  }

  @Override
  public ConfigDef config() {
    return CONFIG;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (isKey) {
      throw new ConfigException(
          "TocsinAvroConverter reads values; Tocsin's keys are UTF-8 strings: set"
              + " key.converter=org.apache.kafka.connect.storage.StringConverter");
    }
    AbstractConfig config = new AbstractConfig(CONFIG, configs);
    collectionsAsJson = config.getString(COLLECTIONS_CONFIG).equals("json");
    Map<String, Object> client = config.originalsWithPrefix(SCHEMAS_CLIENT_PREFIX);
    if (client.containsKey("bootstrap.servers")) {
      resolver =
          new TopicSchemaStore(
              client,
              Topics.withPrefix(config.getString(TOPIC_PREFIX_CONFIG)).schemas(),
              Duration.ofMillis(config.getLong(SCHEMAS_TIMEOUT_CONFIG)));
    }
  }

  @Override
  public byte[] fromConnectData(
      String topic, org.apache.kafka.connect.data.Schema schema, Object value) {
    throw new UnsupportedOperationException(
        "TocsinAvroConverter only reads: Tocsin's topics are written by Tocsin (topic "
            + topic
            + ")");
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) {
      return SchemaAndValue.NULL;
    }
    if (value.length < HEADER || value[0] != MARKER[0] || value[1] != MARKER[1]) {
      throw new DataException(
          "Topic " + topic + ": not single-object Avro (" + value.length + " bytes)");
    }
    long fingerprint = 0;
    for (int i = 0; i < 8; i++) {
      fingerprint |= (value[2 + i] & 0xFFL) << (8 * i);
    }
    Reading reading = readings.get(fingerprint);
    if (reading == null) {
      reading = reading(topic, fingerprint, value);
      readings.put(fingerprint, reading);
    }
    try {
      BinaryDecoder decoder =
          DecoderFactory.get().binaryDecoder(value, HEADER, value.length - HEADER, null);
      GenericRecord record = reading.reader.read(null, decoder);
      return new SchemaAndValue(reading.mapping.schema(), reading.mapping.value(record));
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new DataException(
          "Topic " + topic + ": cannot read " + reading.writer.getName() + ": " + e.getMessage(),
          e);
    }
  }

  private Reading reading(String topic, long fingerprint, byte[] value) {
    Schema writer = kept.get(fingerprint);
    if (writer == null) {
      writer = resolver.findByFingerprint(fingerprint);
    }
    if (writer == null) {
      throw new DataException(
          "Topic "
              + topic
              + ": unknown writer schema fingerprint "
              + HexFormat.of().formatHex(value, 2, HEADER)
              + (resolver instanceof TopicSchemaStore
                  ? " (not on the schemas topic either)"
                  : " (set " + SCHEMAS_CLIENT_PREFIX + "bootstrap.servers to read newer ones)"));
    }
    // Fields a newer Tocsin added are left out until this jar is updated, as Tocsin's own serdes
    // do: the Connect schema of a topic (a sink's table) changes with this jar, not with the
    // writer.
    Schema reader = newest.getOrDefault(writer.getFullName(), writer);
    return new Reading(
        writer,
        new GenericDatumReader<>(writer, reader, GenericData.get()),
        new AvroToConnect(reader, collectionsAsJson));
  }

  private record Reading(
      Schema writer, GenericDatumReader<GenericRecord> reader, AvroToConnect mapping) {}
}
