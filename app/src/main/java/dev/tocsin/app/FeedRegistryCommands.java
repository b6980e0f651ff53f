package dev.tocsin.app;

import dev.tocsin.ingest.IngestSettings;
import dev.tocsin.ingest.feed.AddressGuard;
import dev.tocsin.ingest.feed.FetchException;
import dev.tocsin.ingest.registry.FeedRegistry;
import dev.tocsin.ingest.registry.FeedRegistryFile;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.platform.kafka.TopicProvisioner;
import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.FeedStatus;
import dev.tocsin.schemas.Topics;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tocsin feeds add|remove|list|status}: the feed registry on Kafka, changed at runtime. */
final class FeedRegistryCommands {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private FeedRegistryCommands() {}

  static FeedRegistry registry(TopicsCommand.KafkaOptions kafka) {
    KafkaSettings settings = kafka.settings();
    Topics topics = Topics.withPrefix(settings.topicPrefix());
    TopicProvisioner.ensure(
        settings.clientConfig(),
        List.of(topics.feeds(), topics.feedStatus()),
        settings.replicationFactor());
    return new FeedRegistry(settings.clientConfig(), topics);
  }

  /** Adds a feed, or every feed of a registry file; running ingest instances pick it up. */
  @Command(
      name = "add",
      description = "Add or change a feed (or every feed of a YAML file) in the registry.")
  static final class Add implements Callable<Integer> {
    @Mixin TopicsCommand.KafkaOptions kafka;
    @Spec CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "URL", description = "The feed's URL.")
    String url;

    @Option(names = "--file", description = "Add every feed of this registry YAML file.")
    Path file;

    @Option(names = "--name", description = "Display name (default: the URL).")
    String name;

    @Option(names = "--outlet", description = "The outlet publishing it (default: the host).")
    String outlet;

    @Option(names = "--language", description = "Its language, e.g. en, ru, ko.")
    String language;

    @Option(
        names = "--interval",
        defaultValue = "5m",
        description = "Base poll interval (default 5m; adapts to the feed's rate).")
    Duration interval;

    @Option(names = "--full-text", description = "Fetch and extract each article's page.")
    boolean fullText;

    @Option(names = "--tag", description = "A tag, e.g. state-media; repeatable.")
    List<String> tags = new ArrayList<>();

    @Override
    public Integer call() {
      AddressGuard guard = IngestSettings.fromEnvironment(kafka.config()).guard();
      PrintWriter err = spec.commandLine().getErr();
      List<Feed> feeds;
      if (file != null) {
        if (url != null) {
          throw CommandFailure.badInput("Give a URL or --file FILE, not both");
        }
        feeds = FeedRegistryFile.read(file);
        for (Feed feed : feeds) {
          checkUrl(feed.getUrl(), guard, err);
        }
      } else if (url != null) {
        URI parsed = checkUrl(url, guard, err);
        feeds =
            List.of(
                Feed.newBuilder()
                    .setUrl(url)
                    .setName(name != null ? name : url)
                    .setOutlet(outlet != null ? outlet : parsed.getHost())
                    .setLanguage(language)
                    .setPollIntervalSeconds(Math.max(1, interval.toSeconds()))
                    .setFullText(fullText)
                    .setTags(tags)
                    .setEnabled(true)
                    .build());
      } else {
        throw CommandFailure.badInput("Give the feed's URL or --file FILE");
      }
      registry(kafka).put(feeds);
      PrintWriter out = spec.commandLine().getOut();
      feeds.forEach(f -> out.println("Added " + f.getUrl()));
      out.flush();
      return 0;
    }
  }

  /**
   * Returns {@code url} parsed when ingest could fetch it: an absolute http(s) URL whose host the
   * fetch guard lets through (the same guard, with {@code TOCSIN_INGEST_ALLOWED_ADDRESSES}); else
   * fails naming the problem and the fix. A host that does not resolve now is let through with a
   * warning on {@code err}: it may resolve when the feed is polled.
   */
  static URI checkUrl(String url, AddressGuard guard, PrintWriter err) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw CommandFailure.badInput(
          "Not a URL: '"
              + url
              + "' ("
              + e.getReason()
              + " at index "
              + e.getIndex()
              + "); give an absolute URL such as https://example.org/feed.rss",
          e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw CommandFailure.badInput(
          (scheme.isEmpty() ? "No scheme in '" : "Unsupported scheme '" + scheme + "' in '")
              + url
              + "': feeds are fetched over http or https, e.g. https://example.org/feed.rss");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw CommandFailure.badInput(
          "No host in '" + url + "': give an absolute URL such as https://example.org/feed.rss");
    }
    try {
      guard.check(uri);
    } catch (FetchException e) {
      if (e.kind() != FetchException.Kind.BLOCKED) {
        err.println(
            "tocsin feeds add: warning: "
                + uri.getHost()
                + " does not resolve now; the feed is added and polled when it does");
        err.flush();
        return uri;
      }
      // The guard's message names the host, the address and the setting that allows it.
      throw CommandFailure.badInput("Not added, ingest would not fetch it: " + e.getMessage());
    }
    return uri;
  }

  /** Removes a feed from the registry. */
  @Command(name = "remove", description = "Remove a feed from the registry.")
  static final class Remove implements Callable<Integer> {
    @Mixin TopicsCommand.KafkaOptions kafka;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "URL", description = "The feed's URL.")
    String url;

    @Override
    public Integer call() {
      boolean removed = registry(kafka).remove(url);
      if (!removed) {
        spec.commandLine().getErr().println("No such feed in the registry: " + url);
        return 1;
      }
      spec.commandLine().getOut().println("Removed " + url);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** Prints the registry. */
  @Command(name = "list", description = "Print the feeds in the registry.")
  static final class ListFeeds implements Callable<Integer> {
    @Mixin TopicsCommand.KafkaOptions kafka;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Map<String, Feed> feeds = registry(kafka).feeds();
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("NAME", "OUTLET", "LANG", "INTERVAL", "FULLTEXT", "TAGS", "URL"));
      feeds.values().stream()
          .sorted(java.util.Comparator.comparing(Feed::getName))
          .forEach(
              f ->
                  rows.add(
                      List.of(
                          f.getName(),
                          f.getOutlet(),
                          f.getLanguage() == null ? "-" : f.getLanguage(),
                          f.getPollIntervalSeconds() + "s",
                          f.getFullText() ? "yes" : "no",
                          f.getTags().isEmpty() ? "-" : String.join(",", f.getTags()),
                          f.getUrl())));
      PrintWriter out = spec.commandLine().getOut();
      Table.print(out, rows);
      out.println(feeds.size() + " feeds");
      out.flush();
      return 0;
    }
  }

  /** Prints each feed's health. */
  @Command(name = "status", description = "Print each feed's health after its latest poll.")
  static final class Status implements Callable<Integer> {
    @Mixin TopicsCommand.KafkaOptions kafka;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      FeedRegistry registry = registry(kafka);
      Map<String, Feed> feeds = registry.feeds();
      Map<String, FeedStatus> statuses = registry.statuses();
      List<List<String>> rows = new ArrayList<>();
      rows.add(
          List.of(
              "NAME",
              "STATE",
              "LAST SUCCESS",
              "FAILS",
              "ITEMS/DAY",
              "NEXT POLL",
              "LAST ERROR",
              "URL"));
      int failing = 0;
      for (Feed feed :
          feeds.values().stream().sorted(java.util.Comparator.comparing(Feed::getName)).toList()) {
        FeedStatus s = statuses.get(feed.getUrl());
        if (s == null) {
          rows.add(List.of(feed.getName(), "PENDING", "-", "0", "-", "-", "-", feed.getUrl()));
          continue;
        }
        boolean ok = s.getConsecutiveFailures() == 0;
        failing += ok ? 0 : 1;
        rows.add(
            List.of(
                feed.getName(),
                ok ? "OK" : "FAILING",
                time(s.getLastSuccessAt()),
                Integer.toString(s.getConsecutiveFailures()),
                String.format(Locale.ROOT, "%.1f", s.getItemsPerDay()),
                time(s.getNextPollAt()),
                s.getLastError() == null ? "-" : abbreviate(s.getLastError(), 70),
                feed.getUrl()));
      }
      PrintWriter out = spec.commandLine().getOut();
      Table.print(out, rows);
      out.println(feeds.size() + " feeds, " + failing + " failing");
      out.flush();
      return 0;
    }
  }

  private static String time(Instant instant) {
    return instant == null ? "-" : TIME.format(instant);
  }

  private static String abbreviate(String text, int max) {
    String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
  }
}
