package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.schemas.AvroSerde;
import dev.tocsin.schemas.RawStory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TopicsCommandIT {

  @Test
  void shouldCreateThenDescribeEveryTopicWithFingerprints() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "topics-it");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
      String before = run("topics", "describe", "--bootstrap-servers", broker.bootstrapServers());
      String init = run("topics", "init", "--bootstrap-servers", broker.bootstrapServers());
      String after = run("topics", "describe", "--bootstrap-servers", broker.bootstrapServers());

      assertThat(before).contains("tocsin.stories.raw", "MISSING");
      assertThat(init).contains("Created", "tocsin.alerts");
      assertThat(after)
          .doesNotContain("MISSING")
          .contains("partitions 6, replication 1")
          .contains("cleanup.policy=compact")
          .contains(AvroSerde.fingerprint(RawStory.getClassSchema()));
      assertThat(run("topics", "init", "--bootstrap-servers", broker.bootstrapServers()))
          .contains("All topics exist.");
    }
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = TocsinCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute(args)).isZero();
    return out.toString();
  }
}
