package dev.tocsin.ingest.it;

import dev.tocsin.ingest.IngestApp;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.schemas.Feed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * An ingest instance in its own JVM, for {@link IngestKillIT} to kill: {@code IngestChild BOOTSTRAP
 * INSTANCE_ID FEED_URL...}. Prints "started" once polling and runs until killed.
 */
public final class IngestChild {

  private IngestChild() {}

  public static void main(String[] args) throws Exception {
    KafkaSettings kafka = KafkaSettings.local(args[0]);
    List<Feed> feeds = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      feeds.add(
          Feed.newBuilder()
              .setUrl(args[i])
              .setName("Changing " + i)
              .setOutlet("Outlet " + i)
              .setPollIntervalSeconds(1)
              .build());
    }
    IngestApp app =
        IngestApp.start(kafka, IngestScaleOutIT.fastSettings(), feeds, args[1], Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(app::close));
    if (!app.awaitAssignment(java.time.Duration.ofSeconds(60))) {
      throw new IllegalStateException("No share of the registry after 60 s");
    }
    System.out.println("started");
    System.out.flush();
    Thread.currentThread().join();
  }
}
