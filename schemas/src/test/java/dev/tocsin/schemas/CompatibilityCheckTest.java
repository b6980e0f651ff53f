package dev.tocsin.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityCheckTest {

  private final List<Schema> released = SchemaHistory.versions("RawStory");

  @Test
  void shouldAcceptNewOptionalFieldWithDefault() {
    Schema candidate =
        withExtraField(
            new Schema.Field(
                "section",
                Schema.createUnion(
                    Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "Newspaper section",
                JsonProperties.NULL_VALUE));

    assertThat(CompatibilityCheck.problems(candidate, released)).isEmpty();
  }

  @Test
  void shouldRejectNewRequiredFieldWithoutDefault() {
    Schema candidate =
        withExtraField(new Schema.Field("section", Schema.create(Schema.Type.STRING), "", null));

    assertThat(CompatibilityCheck.problems(candidate, released))
        .anySatisfy(p -> assertThat(p).startsWith("backward").contains("section"));
  }

  @Test
  void shouldRejectRemovedFieldThatOlderReadersNeed() {
    Schema candidate = AvroSerdeTest.withoutFields(RawStory.getClassSchema(), "title");

    assertThat(CompatibilityCheck.problems(candidate, released))
        .anySatisfy(p -> assertThat(p).startsWith("forward").contains("title"));
  }

  @Test
  void shouldRejectChangedFieldType() {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : RawStory.getClassSchema().getFields()) {
      fields.add(
          f.name().equals("revision")
              ? new Schema.Field("revision", Schema.create(Schema.Type.STRING), f.doc(), "0")
              : new Schema.Field(f, f.schema()));
    }
    Schema candidate = record(fields);

    assertThat(CompatibilityCheck.problems(candidate, released))
        .anySatisfy(p -> assertThat(p).contains("TYPE_MISMATCH"));
  }

  private static Schema withExtraField(Schema.Field extra) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : RawStory.getClassSchema().getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    fields.add(extra);
    return record(fields);
  }

  private static Schema record(List<Schema.Field> fields) {
    Schema base = RawStory.getClassSchema();
    return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
  }
}
