package dev.tocsin.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves {@code docs/asyncapi.yaml} describes exactly the topics of {@link Topics}, each with its
 * partitions, cleanup policy, retention and the latest released version of its value schema, so the
 * published contract cannot drift from the catalogue. (docs/validate-asyncapi.sh proves it is valid
 * AsyncAPI.)
 */
class AsyncApiDocumentTest {

  private static final String JSON = "application/json";

  private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");
  private static final String AVRO_FORMAT = "application/vnd.apache.avro;version=1.9.0";

  private static JsonNode document;
  private static Map<String, JsonNode> channelsByAddress;

  @BeforeAll
  static void readDocument() throws IOException {
    document = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
    channelsByAddress = new HashMap<>();
    document
        .get("channels")
        .properties()
        .forEach(c -> channelsByAddress.put(c.getValue().get("address").asText(), c.getValue()));
  }

  @Test
  void shouldDescribeExactlyTheCatalogueTopicsWhenPrefixIsDefault() {
    assertThat(document.get("asyncapi").asText()).startsWith("3.");
    assertThat(channelsByAddress.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Topics.defaults().all().stream().map(Topic::name).toList());
  }

  @Test
  void shouldGiveEveryTopicItsPartitionsAndRetentionWhenDescribed() {
    for (Topic<String, ?> topic : Topics.defaults().all()) {
      JsonNode kafka = channelsByAddress.get(topic.name()).at("/bindings/kafka");
      assertThat(kafka.get("partitions").asInt()).as(topic.name()).isEqualTo(topic.partitions());
      JsonNode configs = kafka.get("topicConfiguration");
      List<String> policies = values(configs.get("cleanup.policy"));
      assertThat(String.join(",", policies))
          .as(topic.name() + " cleanup.policy")
          .isEqualTo(topic.configs().getOrDefault("cleanup.policy", "delete"));
      String retention = topic.configs().get("retention.ms");
      if (retention == null) {
        assertThat(configs.has("retention.ms")).as(topic.name() + " retention.ms").isFalse();
      } else {
        assertThat(configs.get("retention.ms").asText())
            .as(topic.name() + " retention.ms")
            .isEqualTo(retention);
      }
    }
  }

  @Test
  void shouldReferenceLatestValueSchemaOfEveryTopicWhenDescribed() throws IOException {
    for (Topic<String, ?> topic : Topics.defaults().all()) {
      JsonNode messages = channelsByAddress.get(topic.name()).get("messages");
      assertThat(messages.size()).as(topic.name() + " messages").isEqualTo(1);
      JsonNode message = resolve(messages.elements().next());
      JsonNode payload = message.get("payload");
      if (topic.avroSerde().isEmpty()) {
        // The schemas topic: JSON values, so a decoder needs no Avro to find a writer schema.
        assertThat(message.get("contentType").asText()).as(topic.name()).isEqualTo(JSON);
        assertThat(payload.get("required")).as(topic.name()).hasSize(4);
        continue;
      }
      assertThat(payload.get("schemaFormat").asText()).as(topic.name()).isEqualTo(AVRO_FORMAT);

      Schema valueSchema = SpecificData.get().getSchema(topic.avroSerde().orElseThrow().type());
      List<Schema> versions = SchemaHistory.versions(valueSchema.getName());
      Path referenced =
          DOCUMENT.getParent().resolve(payload.at("/schema/$ref").asText()).normalize();
      assertThat(referenced)
          .as(topic.name() + " value schema file")
          .hasFileName("v" + versions.size() + ".avsc")
          .exists();
      Schema documented = new Schema.Parser().parse(Files.readString(referenced));
      assertThat(documented).as(topic.name()).isEqualTo(versions.get(versions.size() - 1));
      assertThat(documented.getFullName()).isEqualTo(valueSchema.getFullName());
      assertThat(message.get("name").asText()).isEqualTo(valueSchema.getName());
    }
  }

  private static JsonNode resolve(JsonNode node) {
    JsonNode ref = node.get("$ref");
    if (ref == null) {
      return node;
    }
    assertThat(ref.asText()).startsWith("#/");
    JsonNode target = document.at(ref.asText().substring(1));
    assertThat(target.isMissingNode()).as("target of " + ref.asText()).isFalse();
    return target;
  }

  private static List<String> values(JsonNode node) {
    if (node.isArray()) {
      return StreamSupport.stream(node.spliterator(), false)
          .map(JsonNode::asText)
          .collect(Collectors.toList());
    }
    return List.of(node.asText());
  }
}
