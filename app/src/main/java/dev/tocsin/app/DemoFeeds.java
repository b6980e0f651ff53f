package dev.tocsin.app;

import dev.tocsin.schemas.Feed;
import java.util.List;

/** The registry of the bundled demo feeds, pointing at a {@link DemoFeedServer}. */
final class DemoFeeds {

  private DemoFeeds() {}

  static List<Feed> registry(DemoFeedServer server, long pollSeconds) {
    return List.of(
        feed(
            server.url("atlantic-monitor.rss.xml"),
            "Atlantic Monitor — World",
            "Atlantic Monitor",
            "en",
            pollSeconds),
        feed(
            server.url("global-wire-daily.atom.xml"),
            "Global Wire Daily",
            "Global Wire Daily",
            "en",
            pollSeconds),
        feed(
            server.url("ria-vestnik.rss.xml"),
            "Вестник Дня",
            "Вестник Дня",
            "ru",
            pollSeconds,
            "state-media:RUS"),
        feed(server.url("hanbando-ilbo.rss.xml"), "한반도일보", "한반도일보", "ko", pollSeconds),
        feed(
            server.url("world-briefing.json"),
            "World Briefing",
            "World Briefing",
            "en",
            pollSeconds));
  }

  private static Feed feed(
      String url, String name, String outlet, String language, long pollSeconds, String... tags) {
    return Feed.newBuilder()
        .setUrl(url)
        .setName(name)
        .setOutlet(outlet)
        .setLanguage(language)
        .setPollIntervalSeconds(pollSeconds)
        .setFullText(false)
        .setTags(List.of(tags))
        .setEnabled(true)
        .build();
  }
}
