package dev.tocsin.alerting.notify;

import dev.tocsin.alerting.NotifierApp;
import dev.tocsin.platform.kafka.KafkaSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs a notifier with one webhook sink in a JVM of its own, so that a test can kill it outright.
 * Arguments: bootstrap servers, webhook URL, shared secret, instance id and, optionally, {@code
 * grouped} to group by profile and event type (1 s wait, 2 s interval). Prints READY when it
 * delivers.
 */
final class NotifierProcess {

  private NotifierProcess() {}

  public static void main(String[] args) throws Exception {
    // A killed member must leave the group quickly, so that its successor takes the partitions.
    KafkaSettings kafka =
        new KafkaSettings(args[0], "tocsin.", (short) 1, Map.of("session.timeout.ms", "6000"));
    NotifierSettings settings =
        new NotifierSettings(
            List.of(
                new SinkConfig.Webhook(
                    "hook", URI.create(args[1]), args[2], Duration.ofSeconds(5))),
            List.of(Route.all("hook")),
            new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.5),
            3,
            Duration.ofMillis(500),
            Duration.ofMinutes(5),
            args[3]);
    if (args.length > 4 && args[4].equals("grouped")) {
      settings =
          settings.withGrouping(
              new Grouping(
                  List.of("profile", "eventType"), Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }
    Notifier notifier = NotifierApp.start(kafka, settings);
    if (!notifier.awaitReady(Duration.ofSeconds(60))) {
      System.out.println("FAILED " + notifier.failure());
      System.exit(2);
    }
    System.out.println("READY");
    System.out.flush();
    Thread.currentThread().join();
  }
}
