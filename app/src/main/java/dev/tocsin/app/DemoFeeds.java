package dev.tocsin.app;

import dev.tocsin.ingest.IngestSettings;
import dev.tocsin.ingest.poll.PollPolicy;
import dev.tocsin.schemas.Feed;
import java.time.Duration;
import java.util.List;

/** The registry of the bundled demo feeds, pointing at a {@link DemoFeedServer}. */
final class DemoFeeds {

  private DemoFeeds() {}

  /**
   * Returns ingest settings for the demo: loopback allowed (the sample feeds are served there) and
   * every feed polled at least every {@code pollSeconds}.
   */
  static IngestSettings ingestSettings(long pollSeconds) {
    return IngestSettings.defaults()
        .withPolicy(
            new PollPolicy(
                Duration.ofSeconds(1),
                Duration.ofSeconds(Math.max(1, pollSeconds)),
                Duration.ofMinutes(5),
                Duration.ofMinutes(5)))
        .withAllowedAddresses(List.of("loopback"));
  }

  /** Returns the feeds polled from the start, the seed article's outlet among them. */
  static List<Feed> firstWave(DemoFeedServer server, long pollSeconds) {
    return List.of(
        feed(server, "atlantic-monitor.rss.xml", "Atlantic Monitor", "en", pollSeconds),
        feed(server, "ria-vestnik.rss.xml", "Вестник Дня", "ru", pollSeconds, "state-media:RUS"),
        feed(server, "hanbando-ilbo.rss.xml", "한반도일보", "ko", pollSeconds),
        feed(server, "world-briefing.json", "World Briefing", "en", pollSeconds));
  }

  /**
   * Returns the feeds added a little later, as a syndicating outlet republishes hours after the
   * original: the first story seen is the canonical one, so the copy must come second.
   */
  static List<Feed> secondWave(DemoFeedServer server, long pollSeconds) {
    return List.of(
        feed(server, "global-wire-daily.atom.xml", "Global Wire Daily", "en", pollSeconds));
  }

  private static Feed feed(
      DemoFeedServer server,
      String file,
      String outlet,
      String language,
      long pollSeconds,
      String... tags) {
    return Feed.newBuilder()
        .setUrl(server.url(file))
        .setName(outlet)
        .setOutlet(outlet)
        .setLanguage(language)
        .setPollIntervalSeconds(pollSeconds)
        .setFullText(false)
        .setTags(List.of(tags))
        .setEnabled(true)
        .build();
  }
}
