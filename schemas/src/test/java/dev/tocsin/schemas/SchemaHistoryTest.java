package dev.tocsin.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class SchemaHistoryTest {

  static final List<Class<?>> TYPES =
      java.util.stream.Stream.concat(
              SchemaCatalog.TOPIC_VALUE_TYPES.stream(), SchemaCatalog.INTERNAL_TYPES.stream())
          .<Class<?>>map(c -> c)
          .toList();

  @ParameterizedTest
  @FieldSource("TYPES")
  void shouldKeepCurrentSchemaAsLatestReleasedVersion(Class<?> type) {
    Schema current = SpecificData.get().getSchema(type);
    List<Schema> versions = SchemaHistory.versions(current.getName());

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
  @FieldSource("TYPES")
  void shouldKeepEveryVersionCompatibleWithAllEarlierOnes(Class<?> type) {
    List<Schema> versions = SchemaHistory.versions(SpecificData.get().getSchema(type).getName());

    for (int v = 1; v < versions.size(); v++) {
      assertThat(CompatibilityCheck.problems(versions.get(v), versions.subList(0, v)))
          .as("v%d of %s", v + 1, type.getSimpleName())
          .isEmpty();
    }
  }
}
