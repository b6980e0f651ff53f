package dev.tocsin.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private final AvroSerde<RawStory> serde = AvroSerde.of(RawStory.class);

  static RawStory story() {
    return RawStory.newBuilder()
        .setId("u-0123456789abcdef")
        .setFeedUrl("https://feeds.example/world.xml")
        .setFeedName("World")
        .setOutlet("Example News")
        .setUrl("https://news.example/a?utm_source=rss")
        .setCanonicalUrl("https://news.example/a")
        .setTitle("North Korean troops near Kursk")
        .setFetchedAt(Instant.parse("2024-10-28T10:15:30.123Z"))
        .setPublishedAt(Instant.parse("2024-10-28T09:00:00Z"))
        .setContentHash("ab".repeat(32))
        .setTags(List.of("wire"))
        .build();
  }

  @Test
  void shouldWriteSingleObjectEncodingWhenSerializing() {
    byte[] bytes = serde.serializer().serialize("t", story());

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    String header = java.util.HexFormat.of().formatHex(bytes, 2, 10);
    assertThat(header).isEqualTo(AvroSerde.fingerprint(RawStory.getClassSchema()));
  }

  @Test
  void shouldRoundTripWhenDecodingWhatItEncoded() {
    RawStory original = story();

    RawStory decoded =
        serde.deserializer().deserialize("t", serde.serializer().serialize("t", original));

    assertThat(decoded).isEqualTo(original);
    assertThat(decoded.getFetchedAt()).isEqualTo(Instant.parse("2024-10-28T10:15:30.123Z"));
  }

  @Test
  void shouldResolveEarlierWriterSchemaByFingerprint() throws IOException {
    Schema older = withoutFields(RawStory.getClassSchema(), "tags", "revision");
    GenericRecord record = new GenericData.Record(older);
    RawStory full = story();
    for (Schema.Field field : older.getFields()) {
      Object value = full.get(field.name());
      record.put(field.name(), value instanceof Instant i ? i.toEpochMilli() : value);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(record, out);

    RawStory decoded = AvroSerde.of(RawStory.class, List.of(older)).decode(out.toByteArray());

    assertThat(decoded.getTitle()).isEqualTo(full.getTitle());
    assertThat(decoded.getTags()).isEmpty();
    assertThat(decoded.getRevision()).isZero();
  }

  @Test
  void shouldNameFingerprintWhenWriterSchemaIsUnknown() {
    byte[] bytes = serde.encode(story());
    bytes[5] ^= 0x5A;

    assertThatThrownBy(() -> serde.deserializer().deserialize("tocsin.stories.raw", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("tocsin.stories.raw")
        .hasMessageContaining("unknown writer schema fingerprint");
  }

  @Test
  void shouldThrowSerializationExceptionWhenBytesAreGarbage() {
    byte[] garbage = "not avro at all".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThatThrownBy(() -> serde.decode(garbage))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("RawStory");
  }

  @Test
  void shouldPassNullThroughWhenValueIsTombstone() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void shouldRoundTripNestedRecordsAndEnumsWhenEnriched() {
    AvroSerde<EnrichedStory> enriched = AvroSerde.of(EnrichedStory.class);
    EnrichedStory original =
        EnrichedStory.newBuilder()
            .setStory(story())
            .setLanguage("en")
            .setEntities(
                List.of(
                    new EntityMention(
                        "state:PRK",
                        "North Korea",
                        EntityType.STATE,
                        TextField.TITLE,
                        0,
                        11,
                        "North Korea")))
            .setRelevance(
                new Relevance(
                    0.9, true, "russia-dprk", List.of(new Reason("actor:PRK", "x", 0.25))))
            .setEvents(
                List.of(new Event("troop-deployment", "062", 7.4, "PRK", "RUS", 0.8, "troops")))
            .setDedup(new DedupVerdict(DedupStatus.DUPLICATE, "u-1", DedupMethod.MINHASH, 0.9))
            .setClusterId("cl-u-1")
            .setAnalyzedAt(Instant.parse("2024-10-28T10:00:00Z"))
            .build();

    assertThat(enriched.decode(enriched.encode(original))).isEqualTo(original);
  }

  static Schema withoutFields(Schema schema, String... names) {
    List<String> drop = List.of(names);
    List<Schema.Field> kept =
        schema.getFields().stream()
            .filter(f -> !drop.contains(f.name()))
            .map(f -> new Schema.Field(f, f.schema()))
            .toList();
    return Schema.createRecord(
        schema.getName(), schema.getDoc(), schema.getNamespace(), false, kept);
  }
}
