package dev.tocsin.schemas.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.schemas.AlertKind;
import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.AvroSerde;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Evidence;
import dev.tocsin.schemas.Reason;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class TocsinAvroConverterTest {

  private static final Instant FIRED = Instant.parse("2024-10-28T10:15:30.123Z");

  static EscalationAlert alert() {
    return EscalationAlert.newBuilder()
        .setAlertKey("cluster:cl-1")
        .setVersion(2)
        .setKind(AlertKind.CLUSTER)
        .setStatus(AlertStatus.UPDATED)
        .setLevel(AlertLevel.HIGH)
        .setScore(0.75)
        .setReasons(List.of(new Reason("actor-pair", "PRK and RUS", 0.5)))
        .setTitle("A hand-written alert")
        .setSummary("Two outlets report it.")
        .setActors(List.of("PRK", "RUS"))
        .setEvidence(
            Evidence.newBuilder()
                .setOutlets(List.of("Outlet A", "Outlet B"))
                .setIndependentSources(2)
                .setFirstSeen(FIRED)
                .build())
        .setClusterId("cl-1")
        .setLabels(Map.of("watch", "ru-kp"))
        .setProfile("ru-kp")
        .setFiredAt(FIRED)
        .setUpdatedAt(FIRED.plusSeconds(60))
        .build();
  }

  private static byte[] encoded() {
    return AvroSerde.of(EscalationAlert.class).encode(alert());
  }

  private static TocsinAvroConverter converter(Map<String, ?> configs) {
    TocsinAvroConverter converter = new TocsinAvroConverter();
    converter.configure(configs, false);
    return converter;
  }

  @Test
  void shouldMapRecordToStructWithOptionalEnumTimestampAndCollectionFields() {
    SchemaAndValue data = converter(Map.of()).toConnectData("tocsin.alerts", encoded());

    Schema schema = data.schema();
    assertThat(schema.name()).isEqualTo("dev.tocsin.schemas.EscalationAlert");
    assertThat(schema.field("alertKey").schema()).isEqualTo(Schema.STRING_SCHEMA);
    assertThat(schema.field("level").schema()).isEqualTo(Schema.STRING_SCHEMA);
    assertThat(schema.field("eventType").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
    assertThat(schema.field("firedAt").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(schema.field("surge").schema().isOptional()).isTrue();
    assertThat(schema.field("surge").schema().type()).isEqualTo(Schema.Type.STRUCT);
    assertThat(schema.field("surge").schema().field("windowStart").schema().name())
        .isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(schema.field("reasons").schema().valueSchema().field("weight").schema())
        .isEqualTo(Schema.FLOAT64_SCHEMA);
    assertThat(schema.field("labels").schema().type()).isEqualTo(Schema.Type.MAP);

    Struct value = (Struct) data.value();
    value.validate();
    assertThat(value.getString("alertKey")).isEqualTo("cluster:cl-1");
    assertThat(value.getInt32("version")).isEqualTo(2);
    assertThat(value.getString("level")).isEqualTo("HIGH");
    assertThat(value.getString("eventType")).isNull();
    assertThat(value.get("surge")).isNull();
    assertThat(value.get("firedAt")).isEqualTo(Date.from(FIRED));
    assertThat(value.getStruct("evidence").get("firstSeen")).isEqualTo(Date.from(FIRED));
    assertThat(value.getStruct("evidence").get("lastSeen")).isNull();
    assertThat(value.getArray("actors")).containsExactly("PRK", "RUS");
    assertThat(value.<Struct>getArray("reasons").get(0).getString("code")).isEqualTo("actor-pair");
    assertThat(value.getMap("labels")).containsEntry("watch", "ru-kp");
  }

  @Test
  void shouldGiveArraysAndMapsAsJsonTextWhenCollectionsAreJson() {
    SchemaAndValue data =
        converter(Map.of(TocsinAvroConverter.COLLECTIONS_CONFIG, "json"))
            .toConnectData("tocsin.alerts", encoded());

    assertThat(data.schema().field("actors").schema()).isEqualTo(Schema.STRING_SCHEMA);
    assertThat(data.schema().field("evidence").schema().field("outlets").schema())
        .isEqualTo(Schema.STRING_SCHEMA);
    Struct value = (Struct) data.value();
    assertThat(value.getString("actors")).isEqualTo("[\"PRK\", \"RUS\"]");
    assertThat(value.getString("labels")).isEqualTo("{\"watch\": \"ru-kp\"}");
    assertThat(value.getString("reasons"))
        .isEqualTo("[{\"code\": \"actor-pair\", \"detail\": \"PRK and RUS\", \"weight\": 0.5}]");
  }

  @Test
  void shouldGiveNullWhenValueIsTombstone() {
    assertThat(converter(Map.of()).toConnectData("tocsin.alerts", null))
        .isEqualTo(SchemaAndValue.NULL);
  }

  @Test
  void shouldNameTopicAndFingerprintWhenWriterSchemaIsUnknown() {
    byte[] bytes = encoded();
    bytes[5] ^= 0x5A;
    String fingerprint = java.util.HexFormat.of().formatHex(bytes, 2, 10);

    assertThatThrownBy(() -> converter(Map.of()).toConnectData("tocsin.alerts", bytes))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("tocsin.alerts")
        .hasMessageContaining(fingerprint)
        .hasMessageContaining("schemas.client.bootstrap.servers");
  }

  @Test
  void shouldRejectBytesWithoutSingleObjectMarker() {
    assertThatThrownBy(
            () -> converter(Map.of()).toConnectData("tocsin.alerts", "plain text".getBytes()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("not single-object Avro");
  }

  @Test
  void shouldPointToStringConverterWhenConfiguredForKeys() {
    assertThatThrownBy(() -> new TocsinAvroConverter().configure(Map.of(), true))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("StringConverter");
  }

  @Test
  void shouldRefuseToWrite() {
    assertThatThrownBy(
            () ->
                converter(Map.of())
                    .fromConnectData("tocsin.alerts", Schema.STRING_SCHEMA, "an alert"))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("written by Tocsin");
  }
}
