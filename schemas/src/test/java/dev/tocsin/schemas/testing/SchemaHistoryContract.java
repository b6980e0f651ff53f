package dev.tocsin.schemas.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.schemas.AvroSerde;
import dev.tocsin.schemas.CompatibilityCheck;
import dev.tocsin.schemas.SchemaHistory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks a module's versioned records against their kept history ({@link SchemaHistory}): the
 * current schema is the latest released version, and every version is backward and forward
 * compatible with all earlier ones, and the record's serde reads a record written with each
 * version. A module extends it once and lists its records; the {@code tocsin-schemas} test jar
 * ships it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SchemaHistoryContract {

  /** Returns the record types whose history the module keeps. */
  protected abstract List<Class<? extends SpecificRecord>> recordTypes();

  @ParameterizedTest
  @MethodSource("recordTypes")
  void shouldKeepCurrentSchemaAsLatestReleasedVersion(Class<? extends SpecificRecord> type) {
    Schema current = SpecificData.get().getSchema(type);
    List<Schema> versions = SchemaHistory.versions(type);

    assertThat(versions)
        .as("history/%s/v*.avsc must exist; add v%d when the schema changes", current.getName(), 1)
        .isNotEmpty();
    assertThat(SchemaNormalization.toParsingForm(versions.get(versions.size() - 1)))
        .as(
            "%s changed without a new history version: copy it to history/%s/v%d.avsc",
            current.getName(), current.getName(), versions.size() + 1)
        .isEqualTo(SchemaNormalization.toParsingForm(current));
  }

  @ParameterizedTest
  @MethodSource("recordTypes")
  void shouldKeepEveryVersionCompatibleWithAllEarlierOnes(Class<? extends SpecificRecord> type) {
    List<Schema> versions = SchemaHistory.versions(type);

    for (int v = 1; v < versions.size(); v++) {
      assertThat(CompatibilityCheck.problems(versions.get(v), versions.subList(0, v)))
          .as("v%d of %s", v + 1, type.getSimpleName())
          .isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("recordTypes")
  void shouldReadRecordsWrittenWithEveryReleasedVersion(Class<? extends SpecificRecord> type)
      throws IOException {
    AvroSerde<? extends SpecificRecord> serde = AvroSerde.of(type);

    for (Schema version : SchemaHistory.versions(type)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new BinaryMessageEncoder<GenericRecord>(GenericData.get(), version)
          .encode((GenericRecord) sample(version), out);

      assertThat(serde.decode(out.toByteArray()))
          .as("%s written with %s", type.getSimpleName(), version.getFullName())
          .isInstanceOf(type);
    }
  }

  // A value of each schema with every required field set, so the written record is valid.
  private static Object sample(Schema schema) {
    return switch (schema.getType()) {
      case RECORD -> {
        GenericRecord record = new GenericData.Record(schema);
        schema.getFields().forEach(f -> record.put(f.pos(), sample(f.schema())));
        yield record;
      }
      case UNION -> sample(schema.getTypes().get(0));
      case ARRAY -> List.of();
      case MAP -> Map.of();
      case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(0));
      case FIXED -> new GenericData.Fixed(schema, new byte[schema.getFixedSize()]);
      case STRING -> "x";
      case BYTES -> ByteBuffer.allocate(0);
      case INT -> 0;
      case LONG -> 0L;
      case FLOAT -> 0f;
      case DOUBLE -> 0d;
      case BOOLEAN -> false;
      case NULL -> null;
    };
  }
}
