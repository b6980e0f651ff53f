package dev.tocsin.ingest.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tocsin.schemas.Feed;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads a feed registry YAML file: {@code feeds: [{url, name, outlet, language, ...}]}. */
public final class FeedRegistryFile {

  @JsonIgnoreProperties(ignoreUnknown = false)
  record Entry(
      String url,
      String name,
      String outlet,
      String language,
      Long pollIntervalSeconds,
      Boolean fullText,
      List<String> tags) {}

  record Registry(List<Entry> feeds) {}

  private FeedRegistryFile() {}

  /** Reads the feeds of a registry file; throws naming the file and the problem. */
  public static List<Feed> read(Path file) {
    Registry registry;
    try {
      registry = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Registry.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read feed registry " + file + ": " + e.getMessage(), e);
    }
    if (registry == null || registry.feeds() == null || registry.feeds().isEmpty()) {
      throw new IllegalArgumentException("Feed registry " + file + " lists no feeds");
    }
    return registry.feeds().stream()
        .map(
            e -> {
              if (e.url() == null || e.url().isBlank()) {
                throw new IllegalArgumentException("Feed registry " + file + ": a feed has no url");
              }
              return Feed.newBuilder()
                  .setUrl(e.url())
                  .setName(e.name() == null ? e.url() : e.name())
                  .setOutlet(e.outlet() == null ? e.url() : e.outlet())
                  .setLanguage(e.language())
                  .setPollIntervalSeconds(
                      e.pollIntervalSeconds() == null ? 300 : e.pollIntervalSeconds())
                  .setFullText(Boolean.TRUE.equals(e.fullText()))
                  .setTags(e.tags() == null ? List.of() : e.tags())
                  .setEnabled(true)
                  .build();
            })
        .toList();
  }
}
