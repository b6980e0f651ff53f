package dev.tocsin.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Writes records as Tocsin puts them on its topics, with the fingerprint of every released schema
 * version, to {@code target/consumer-samples/samples.json}: the Python consumer example's tests
 * (docs/examples/python) decode them, proving the guide's decoder against the real encoder.
 */
class ConsumerSamplesTest {

  static final Path SAMPLES = Path.of("target", "consumer-samples", "samples.json");

  @Test
  void shouldDecodeOwnSamplesWhenWritingThemForThePythonExample() throws Exception {
    Topics topics = Topics.defaults();
    RawStory story = AvroSerdeTest.story();
    Feed feed =
        Feed.newBuilder()
            .setUrl("https://feeds.example/world.xml")
            .setName("World")
            .setOutlet("Example News")
            .setLanguage("en")
            .setPollIntervalSeconds(300)
            .setFullText(false)
            .setTags(List.of("wire", "키워드", "ключ"))
            .setEnabled(true)
            .build();

    List<Map<String, Object>> records = new ArrayList<>();
    records.add(
        sample(
            topics.storiesRaw(),
            story.getId(),
            story,
            Map.of(
                "id", story.getId(),
                "title", story.getTitle(),
                "canonicalUrl", story.getCanonicalUrl(),
                "fetchedAt", story.getFetchedAt().toEpochMilli(),
                "tags", story.getTags())));
    records.add(
        sample(
            topics.feeds(),
            feed.getUrl(),
            feed,
            Map.of(
                "url", feed.getUrl(),
                "pollIntervalSeconds", feed.getPollIntervalSeconds(),
                "tags", feed.getTags(),
                "enabled", true)));

    Map<String, String> fingerprints = new TreeMap<>();
    for (Topic<String, ?> topic : topics.all()) {
      if (topic.avroSerde().isEmpty()) {
        continue;
      }
      Schema schema = SpecificData.get().getSchema(topic.avroSerde().orElseThrow().type());
      List<Schema> versions = SchemaHistory.versions(schema.getName());
      for (int v = 0; v < versions.size(); v++) {
        fingerprints.put(
            schema.getName() + "/v" + (v + 1) + ".avsc", AvroSerde.fingerprint(versions.get(v)));
      }
    }

    // A feed as a newer release writes it, and the schemas-topic value that release publishes.
    Schema newer = SchemaVersionTest.newerFeed();
    Map<String, Object> published = new LinkedHashMap<>();
    published.put(
        "schemasTopicValue", new String(SchemaVersion.of(newer).toJson(), StandardCharsets.UTF_8));
    published.put("valueHex", HexFormat.of().formatHex(SchemaVersionTest.newerFeedRecord(newer)));
    published.put(
        "expected",
        Map.of("url", "https://example.org/world.rss", "homepage", "https://example.org/"));

    Files.createDirectories(SAMPLES.getParent());
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(
            SAMPLES.toFile(),
            Map.of(
                "records", records, "schemaFingerprints", fingerprints, "newerVersion", published));

    assertThat(SAMPLES).isNotEmptyFile();
    assertThat(fingerprints).containsKeys("RawStory/v1.avsc", "EscalationAlert/v1.avsc");
  }

  private static <V extends SpecificRecord> Map<String, Object> sample(
      Topic<String, V> topic, String key, V value, Map<String, Object> expected) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), bytes)).isEqualTo(value);
    Map<String, Object> sample = new LinkedHashMap<>();
    sample.put("topic", topic.name());
    sample.put("key", key);
    sample.put("schema", value.getSchema().getFullName());
    sample.put("valueHex", HexFormat.of().formatHex(bytes));
    sample.put("expected", new TreeMap<>(expected));
    return sample;
  }
}
