package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AnalyzeCommandTest {

  static Path resource(String name) throws URISyntaxException {
    return Path.of(AnalyzeCommandTest.class.getResource(name).toURI());
  }

  @Test
  void shouldPrintOneVerdictPerStoryInFileOrderWhenAnalyzingAFile() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = TocsinCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    int code = cli.execute("analyze", resource("/offline/stories.jsonl").toString());

    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().split("\\R")) {
      if (!line.isBlank()) {
        lines.add(json.readTree(line));
      }
    }
    assertThat(code).as("one line is not JSON").isEqualTo(1);
    assertThat(err.toString()).contains(":6: skipped");
    assertThat(lines).hasSize(5);

    JsonNode original = lines.get(0);
    assertThat(original.get("id").asText()).isEqualTo("a1");
    assertThat(original.get("relevant").asBoolean()).isTrue();
    assertThat(original.get("language").asText()).isEqualTo("en");
    assertThat(original.get("events").get(0).get("type").asText()).isEqualTo("munitions-transfer");
    assertThat(original.get("events").get(0).get("cameo").asText()).isEqualTo("072");
    assertThat(original.get("events").get(0).get("goldstein").asDouble()).isEqualTo(8.3);
    assertThat(original.get("events").get(0).get("actors").asText()).isEqualTo("PRK->RUS");
    assertThat(original.get("duplicateOf").isNull()).isTrue();
    assertThat(original.get("entities").findValuesAsText("entity"))
        .contains("state:PRK", "state:RUS", "weapon:mrl-240", "place:khasan-tumangang");

    JsonNode syndicated = lines.get(1);
    assertThat(syndicated.get("id").asText()).startsWith("u-");
    assertThat(syndicated.get("duplicateOf").asText()).isEqualTo("a1");
    assertThat(syndicated.get("clusterId").asText()).isEqualTo(original.get("clusterId").asText());

    JsonNode prussia = lines.get(2);
    assertThat(prussia.get("relevant").asBoolean()).isFalse();
    assertThat(prussia.get("entities")).isEmpty();

    JsonNode russian = lines.get(3);
    assertThat(russian.get("language").asText()).isEqualTo("ru");
    assertThat(russian.get("relevant").asBoolean()).isTrue();
    JsonNode korean = lines.get(4);
    assertThat(korean.get("language").asText()).isEqualTo("ko");
    assertThat(korean.get("relevant").asBoolean()).isTrue();
    assertThat(korean.get("duplicateOf").isNull()).isTrue();
  }
}
