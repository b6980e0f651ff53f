package dev.tocsin.ingest.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tocsin.schemas.Feed;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a feed registry YAML file: {@code feeds: [{url, name, outlet, language,
 * pollIntervalSeconds, fullText, tags, enabled}]}. Every problem is reported with the file, the
 * entry's position and the bad value.
 */
public final class FeedRegistryFile {

  /** The interval a feed starts with when the file gives none. */
  public static final long DEFAULT_INTERVAL_SECONDS = 300;

  @JsonIgnoreProperties(ignoreUnknown = false)
  record Entry(
      String url,
      String name,
      String outlet,
      String language,
      Long pollIntervalSeconds,
      Boolean fullText,
      List<String> tags,
      Boolean enabled) {}

  record Registry(List<Entry> feeds) {}

  private FeedRegistryFile() {}

  /** Reads the feeds of a registry file; throws naming the file and the problem. */
  public static List<Feed> read(Path file) {
    Registry registry;
    try {
      registry =
          new ObjectMapper(new YAMLFactory())
              .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .readValue(file.toFile(), Registry.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read feed registry " + file + ": " + e.getMessage(), e);
    }
    if (registry == null || registry.feeds() == null || registry.feeds().isEmpty()) {
      throw new IllegalArgumentException("Feed registry " + file + " lists no feeds");
    }
    List<Feed> feeds = new ArrayList<>();
    Set<String> urls = new HashSet<>();
    for (int i = 0; i < registry.feeds().size(); i++) {
      Entry e = registry.feeds().get(i);
      String where = "Feed registry " + file + ", feed #" + (i + 1);
      if (e == null || e.url() == null || e.url().isBlank()) {
        throw new IllegalArgumentException(where + " has no url");
      }
      checkUrl(where, e.url());
      if (!urls.add(e.url())) {
        throw new IllegalArgumentException(where + " repeats the url " + e.url());
      }
      long interval =
          e.pollIntervalSeconds() == null ? DEFAULT_INTERVAL_SECONDS : e.pollIntervalSeconds();
      if (interval < 1) {
        throw new IllegalArgumentException(
            where + ": pollIntervalSeconds must be at least 1, not " + interval);
      }
      if (e.language() != null && !e.language().matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
        throw new IllegalArgumentException(
            where + ": language must be a BCP 47 tag such as en or ko, not '" + e.language() + "'");
      }
      feeds.add(
          Feed.newBuilder()
              .setUrl(e.url())
              .setName(e.name() == null ? e.url() : e.name())
              .setOutlet(e.outlet() == null ? URI.create(e.url()).getHost() : e.outlet())
              .setLanguage(e.language() == null ? null : e.language().toLowerCase(Locale.ROOT))
              .setPollIntervalSeconds(interval)
              .setFullText(Boolean.TRUE.equals(e.fullText()))
              .setTags(e.tags() == null ? List.of() : List.copyOf(e.tags()))
              .setEnabled(!Boolean.FALSE.equals(e.enabled()))
              .build());
    }
    return feeds;
  }

  private static void checkUrl(String where, String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException(where + ": not an http(s) URL: '" + url + "'");
      }
    } catch (URISyntaxException ex) {
      throw new IllegalArgumentException(
          where + ": malformed url '" + url + "': " + ex.getReason());
    }
  }
}
