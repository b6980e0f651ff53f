package dev.tocsin.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SchemaVersionTest {

  /** Feed as a later release might write it: one more optional field. */
  static Schema newerFeed() {
    String current = SchemaVersion.of(Feed.class).schema().toString();
    String added = "{\"name\":\"homepage\",\"type\":[\"null\",\"string\"],\"default\":null}";
    int end = current.lastIndexOf(']');
    return new Schema.Parser()
        .parse(current.substring(0, end) + "," + added + current.substring(end));
  }

  /** Encodes a feed with the newer schema, as a newer Tocsin would write it. */
  static byte[] newerFeedRecord(Schema newer) throws Exception {
    GenericRecord feed = new GenericData.Record(newer);
    feed.put("url", "https://example.org/world.rss");
    feed.put("name", "Example World");
    feed.put("outlet", "Example");
    feed.put("language", "en");
    feed.put("pollIntervalSeconds", 300L);
    feed.put("fullText", false);
    feed.put("tags", List.of("wire"));
    feed.put("enabled", true);
    feed.put("homepage", "https://example.org/");
    return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), newer).encode(feed).array();
  }

  @Test
  void shouldWriteJsonThatReadsBackToTheSameVersion() {
    SchemaVersion feed = SchemaVersion.of(Feed.class);

    String json = new String(feed.toJson(), StandardCharsets.UTF_8);
    SchemaVersion read = SchemaVersion.fromJson(feed.toJson());

    assertThat(json)
        .startsWith("{\"name\":\"dev.tocsin.schemas.Feed\",\"version\":")
        .contains("\"fingerprint\":\"" + AvroSerde.fingerprint(feed.schema()) + "\"");
    assertThat(read).isEqualTo(feed);
    assertThat(feed.version()).isEqualTo(SchemaHistory.versions("Feed").size());
  }

  @Test
  void shouldNumberAnUnreleasedSchemaOnePastTheLastKeptVersion() {
    assertThat(SchemaVersion.of(newerFeed()).version())
        .isEqualTo(SchemaHistory.versions("Feed").size() + 1);
  }

  @Test
  void shouldRefuseARecordWhoseFingerprintIsNotItsSchemas() {
    String json =
        new String(SchemaVersion.of(Feed.class).toJson(), StandardCharsets.UTF_8)
            .replaceFirst("\"fingerprint\":\"[0-9a-f]+\"", "\"fingerprint\":\"0011223344556677\"");

    assertThatThrownBy(() -> SchemaVersion.fromJson(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("0011223344556677");
  }

  @Test
  void shouldReadANewerVersionThroughTheResolverWhenTheJarDoesNotKeepIt() throws Exception {
    Schema newer = newerFeed();
    byte[] record = newerFeedRecord(newer);
    SchemaStore.Cache resolver = new SchemaStore.Cache();
    resolver.addSchema(newer);

    Feed feed = AvroSerde.of(Feed.class, resolver).decode(record);

    assertThat(feed.getUrl()).isEqualTo("https://example.org/world.rss");
    assertThat(feed.getTags()).containsExactly("wire");
    assertThatThrownBy(() -> AvroSerde.of(Feed.class).decode(record))
        .hasMessageContaining(
            "unknown writer schema fingerprint " + SchemaVersion.of(newer).fingerprint());
  }
}
