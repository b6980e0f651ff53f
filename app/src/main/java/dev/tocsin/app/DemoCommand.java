package dev.tocsin.app;

import dev.tocsin.alerting.topology.AlertSettings;
import dev.tocsin.enrich.topology.EnrichSettings;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the whole pipeline on an embedded broker over the bundled sample feeds. */
@Command(
    name = "demo",
    description =
        "Run the whole pipeline on an embedded Kafka broker over bundled sample feeds, printing"
            + " each story's verdict and each alert.")
final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--duration",
      description = "Stop after this long (e.g. 60s); default: run until Ctrl-C.")
  Duration duration;

  @Option(
      names = "--poll-interval",
      defaultValue = "10s",
      description = "How often the sample feeds are polled (default 10s).")
  Duration pollInterval;

  @Override
  public Integer call() throws Exception {
    Path dataDir = Files.createTempDirectory("tocsin-demo");
    Pipeline pipeline = new Pipeline();
    pipeline.add(() -> deleteRecursively(dataDir));
    System.out.println("Tocsin demo: starting an embedded Kafka broker in " + dataDir);
    KafkaSettings kafka = pipeline.kafka(null, dataDir);
    DemoFeedServer feeds = DemoFeedServer.start();
    pipeline.add(feeds);
    pipeline.enrich(EnrichSettings.defaults(), dataDir);
    pipeline.alerting(AlertSettings.defaults(), dataDir);
    ConsolePrinter printer =
        new ConsolePrinter(
            kafka.clientConfig(), Topics.withPrefix(kafka.topicPrefix()), System.out);
    printer.start();
    pipeline.add(printer);
    pipeline.ingest(DemoFeeds.registry(feeds, Math.max(1, pollInterval.toSeconds())), "demo");
    System.out.println(
        "Tocsin demo: polling "
            + DemoFeedServer.FILES.size()
            + " sample feeds on "
            + feeds.url("")
            + (duration == null ? "; Ctrl-C stops." : "; stopping after " + duration + "."));
    TocsinCommand.awaitStop(pipeline, duration);
    System.out.println("Tocsin demo: stopped.");
    return 0;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
