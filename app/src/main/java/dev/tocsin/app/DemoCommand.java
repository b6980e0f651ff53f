package dev.tocsin.app;

import dev.tocsin.alerting.notify.NotifierSettings;
import dev.tocsin.alerting.notify.SinkConfig;
import dev.tocsin.app.console.ConsoleSettings;
import dev.tocsin.enrich.topology.EnrichSettings;
import dev.tocsin.platform.health.ManagementServer;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.schemas.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the whole pipeline on an embedded broker over the bundled sample feeds. */
@Command(
    name = "demo",
    description =
        "Run the whole pipeline on an embedded Kafka broker over bundled sample feeds, printing"
            + " each story's verdict and each alert.")
final class DemoCommand implements Callable<Integer> {

  private static final Duration SECOND_WAVE_DELAY = Duration.ofSeconds(8);

  @Mixin SharedOptions.DurationOption duration;

  @Option(
      names = "--poll-interval",
      defaultValue = "10s",
      description = "How often the sample feeds are polled (default 10s).")
  Duration pollInterval;

  @Option(
      names = "--webhook",
      description =
          "Also deliver the demo's alerts to this webhook (JSON, signed with"
              + " TOCSIN_NOTIFY_WEBHOOK_SECRET when set).")
  URI webhook;

  @Option(
      names = "--alertmanager",
      description =
          "Also deliver the demo's alerts to this Alertmanager, e.g. http://127.0.0.1:9093.")
  URI alertmanager;

  @Mixin SharedOptions.ConfigFileOption config;

  @Override
  public Integer call() throws Exception {
    Map<String, String> settings = config.settings();
    LogFormat.apply(settings, System.getenv());
    Path dataDir = Files.createTempDirectory("tocsin-demo");
    Pipeline pipeline = new Pipeline();
    pipeline.add(() -> deleteRecursively(dataDir));
    System.out.println("Tocsin demo: starting an embedded Kafka broker in " + dataDir);
    int port = Settings.embeddedKafkaPort(settings);
    KafkaSettings kafka = pipeline.kafka(null, dataDir, port);
    System.out.println(
        "Tocsin demo: " + TocsinCommand.embeddedNotice(kafka.bootstrapServers(), port, false));
    ConsoleSettings console = Settings.console(settings);
    console.checkExposure(Settings.managementAddress(settings));
    ManagementServer management = startManagement(pipeline, settings);
    pipeline.console(console, DemoFeeds.ingestSettings(1).guard());
    System.out.println(
        "Tocsin demo: operator console on http://"
            + management.address().getHostString()
            + ":"
            + management.address().getPort()
            + "/");
    DemoFeedServer feeds = DemoFeedServer.start();
    pipeline.add(feeds);
    pipeline.enrich(EnrichSettings.fromEnvironment(settings), dataDir);
    pipeline.alerting(Settings.alerting(settings), dataDir);
    List<SinkConfig> sinks = sinks(settings);
    pipeline.notifier(NotifierSettings.toAll(sinks));
    if (!sinks.isEmpty()) {
      System.out.println(
          "Tocsin demo: delivering alerts to "
              + Stream.of(webhook, alertmanager)
                  .filter(Objects::nonNull)
                  .map(URI::toString)
                  .collect(Collectors.joining(" and ")));
    }
    ConsolePrinter printer =
        new ConsolePrinter(
            kafka.clientConfig(), Topics.withPrefix(kafka.topicPrefix()), System.out);
    printer.start();
    pipeline.add(printer);
    long poll = Math.max(1, pollInterval.toSeconds());
    pipeline.ingest(DemoFeeds.ingestSettings(poll), DemoFeeds.firstWave(feeds, poll), "demo");
    ScheduledExecutorService later =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tocsin-demo-later");
              t.setDaemon(true);
              return t;
            });
    pipeline.add(later::shutdownNow);
    later.schedule(
        () -> pipeline.feedRegistry().put(DemoFeeds.secondWave(feeds, poll)),
        SECOND_WAVE_DELAY.toMillis(),
        TimeUnit.MILLISECONDS);
    System.out.println(
        "Tocsin demo: polling "
            + DemoFeedServer.FILES.size()
            + " sample feeds (one added to the registry at runtime, "
            + SECOND_WAVE_DELAY.toSeconds()
            + " s later) on "
            + feeds.url("")
            + (duration.duration == null
                ? "; Ctrl-C stops."
                : "; stopping after " + duration.duration + ".")
            + (management == null
                ? ""
                : " Health and metrics: http://"
                    + management.address().getHostString()
                    + ":"
                    + management.address().getPort()
                    + "/metrics"));
    TocsinCommand.awaitStop(pipeline, duration.duration);
    System.out.println("Tocsin demo: stopped.");
    return 0;
  }

  private List<SinkConfig> sinks(Map<String, String> settings) {
    List<SinkConfig> sinks = new ArrayList<>();
    if (webhook != null) {
      sinks.add(
          new SinkConfig.Webhook(
              "webhook", webhook, settings.get("TOCSIN_NOTIFY_WEBHOOK_SECRET"), null));
    }
    if (alertmanager != null) {
      sinks.add(new SinkConfig.Alertmanager("alertmanager", alertmanager, null, null));
    }
    return sinks;
  }

  // The demo must run even where 8080 is taken: it then serves health and metrics on a free port.
  private static ManagementServer startManagement(Pipeline pipeline, Map<String, String> settings) {
    InetSocketAddress address = Settings.managementAddress(settings);
    try {
      return pipeline.management(address);
    } catch (java.io.UncheckedIOException e) {
      return pipeline.management(new InetSocketAddress(address.getHostString(), 0));
    }
  }

  /** Deletes {@code dir} and everything under it; nothing if it does not exist. */
  static void deleteRecursively(Path dir) throws IOException {
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
