package dev.tocsin.schemas.connect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Maps one Avro record schema to a Connect schema and its generic records to Connect values:
 * records become structs, {@code ["null", T]} an optional T, enums strings, {@code
 * timestamp-millis} Connect's {@link Timestamp}; arrays and maps stay arrays and maps, or become
 * JSON text when {@code collectionsAsJson} is set, for sinks that take only flat rows of scalars.
 */
final class AvroToConnect {

  private final org.apache.avro.Schema avro;
  private final boolean collectionsAsJson;
  private final Schema connect;

  AvroToConnect(org.apache.avro.Schema avro, boolean collectionsAsJson) {
    this.avro = Objects.requireNonNull(avro, "avro");
    this.collectionsAsJson = collectionsAsJson;
    if (avro.getType() != org.apache.avro.Schema.Type.RECORD) {
      throw new DataException("Expected an Avro record schema, got " + avro.getType());
    }
    this.connect = schema(avro);
  }

  /** Returns the Connect schema of the record. */
  Schema schema() {
    return connect;
  }

  /** Converts a record read with this mapping's Avro schema. */
  Struct value(GenericRecord record) {
    return (Struct) value(avro, connect, record);
  }

  private Schema schema(org.apache.avro.Schema type) {
    if (type.getType() == org.apache.avro.Schema.Type.UNION) {
      return optional(schema(nonNullBranch(type)));
    }
    SchemaBuilder builder =
        switch (type.getType()) {
          case RECORD -> {
            SchemaBuilder struct = SchemaBuilder.struct().name(type.getFullName());
            for (org.apache.avro.Schema.Field field : type.getFields()) {
              struct.field(field.name(), schema(field.schema()));
            }
            yield struct;
          }
          case ENUM, STRING -> SchemaBuilder.string();
          case ARRAY ->
              collectionsAsJson
                  ? SchemaBuilder.string()
                  : SchemaBuilder.array(schema(type.getElementType()));
          case MAP ->
              collectionsAsJson
                  ? SchemaBuilder.string()
                  : SchemaBuilder.map(Schema.STRING_SCHEMA, schema(type.getValueType()));
          case INT -> SchemaBuilder.int32();
          case LONG ->
              type.getLogicalType() instanceof LogicalTypes.TimestampMillis
                  ? Timestamp.builder()
                  : SchemaBuilder.int64();
          case FLOAT -> SchemaBuilder.float32();
          case DOUBLE -> SchemaBuilder.float64();
          case BOOLEAN -> SchemaBuilder.bool();
          case BYTES, FIXED -> SchemaBuilder.bytes();
          case UNION, NULL -> throw new DataException("A lone Avro null has no Connect schema");
        };
    return builder.build();
  }

  private static Schema optional(Schema schema) {
    if (schema.isOptional()) {
      return schema;
    }
    SchemaBuilder builder =
        switch (schema.type()) {
          case STRUCT -> {
            SchemaBuilder struct = SchemaBuilder.struct();
            schema.fields().forEach(f -> struct.field(f.name(), f.schema()));
            yield struct;
          }
          case ARRAY -> SchemaBuilder.array(schema.valueSchema());
          case MAP -> SchemaBuilder.map(schema.keySchema(), schema.valueSchema());
          default -> SchemaBuilder.type(schema.type());
        };
    if (schema.name() != null) {
      builder.name(schema.name());
    }
    if (schema.version() != null) {
      builder.version(schema.version());
    }
    return builder.optional().build();
  }

  private static org.apache.avro.Schema nonNullBranch(org.apache.avro.Schema union) {
    List<org.apache.avro.Schema> branches =
        union.getTypes().stream()
            .filter(t -> t.getType() != org.apache.avro.Schema.Type.NULL)
            .toList();
    if (branches.size() != 1 || union.getTypes().size() != 2) {
      throw new DataException(
          "Only unions of null and one type map to Connect; got " + union.getTypes());
    }
    return branches.get(0);
  }

  private Object value(org.apache.avro.Schema type, Schema target, Object datum) {
    if (datum == null) {
      return null;
    }
    return switch (type.getType()) {
      case RECORD -> {
        GenericRecord record = (GenericRecord) datum;
        Struct struct = new Struct(target);
        for (org.apache.avro.Schema.Field field : type.getFields()) {
          struct.put(
              field.name(),
              value(field.schema(), target.field(field.name()).schema(), record.get(field.pos())));
        }
        yield struct;
      }
      case UNION -> value(nonNullBranch(type), target, datum);
      case ENUM, STRING -> datum.toString();
      case ARRAY -> {
        if (collectionsAsJson) {
          yield GenericData.get().toString(datum);
        }
        List<Object> items = new ArrayList<>();
        for (Object item : (Iterable<?>) datum) {
          items.add(value(type.getElementType(), target.valueSchema(), item));
        }
        yield items;
      }
      case MAP -> {
        if (collectionsAsJson) {
          yield GenericData.get().toString(datum);
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) datum).entrySet()) {
          entries.put(
              e.getKey().toString(),
              value(type.getValueType(), target.valueSchema(), e.getValue()));
        }
        yield entries;
      }
      case LONG ->
          type.getLogicalType() instanceof LogicalTypes.TimestampMillis
              ? new Date((Long) datum)
              : datum;
      case BYTES -> {
        ByteBuffer buffer = ((ByteBuffer) datum).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        yield bytes;
      }
      case FIXED -> ((GenericFixed) datum).bytes().clone();
      case INT, FLOAT, DOUBLE, BOOLEAN -> datum;
      case NULL -> null;
    };
  }
}
