package dev.tocsin.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.schemas.Feed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedRegistryFileTest {

  @TempDir Path dir;

  @Test
  void shouldShipACuratedRegistryCoveringTheWatch() {
    List<Feed> feeds = FeedRegistryFile.read(Path.of("..", "feeds.yaml"));
    Set<String> languages = feeds.stream().map(Feed::getLanguage).collect(Collectors.toSet());
    Set<String> tags =
        feeds.stream().flatMap(f -> f.getTags().stream()).collect(Collectors.toSet());

    assertThat(feeds).hasSizeGreaterThanOrEqualTo(25);
    assertThat(languages).contains("en", "ru", "ko", "uk");
    assertThat(tags).contains("wire", "state-media:RUS", "state-media:PRK", "monitor");
    assertThat(feeds).anyMatch(Feed::getFullText);
    assertThat(feeds).allMatch(f -> f.getUrl().startsWith("https://"));
    assertThat(feeds).allMatch(f -> f.getLanguage() != null && !f.getName().isBlank());
  }

  @Test
  void shouldFillDefaults() throws Exception {
    Path file = write("feeds:\n  - url: https://example.org/rss\n");

    Feed feed = FeedRegistryFile.read(file).get(0);

    assertThat(feed.getName()).isEqualTo("https://example.org/rss");
    assertThat(feed.getOutlet()).isEqualTo("example.org");
    assertThat(feed.getPollIntervalSeconds()).isEqualTo(300);
    assertThat(feed.getEnabled()).isTrue();
    assertThat(feed.getFullText()).isFalse();
  }

  @Test
  void shouldNameTheEntryAndValueOfEachMistake() throws Exception {
    assertThatThrownBy(() -> FeedRegistryFile.read(write("feeds:\n  - url: ftp://x.org/f\n")))
        .hasMessageContaining("feed #1")
        .hasMessageContaining("ftp://x.org/f");
    assertThatThrownBy(
            () ->
                FeedRegistryFile.read(
                    write("feeds:\n  - url: https://a.org/f\n  - url: https://a.org/f\n")))
        .hasMessageContaining("feed #2 repeats");
    assertThatThrownBy(
            () ->
                FeedRegistryFile.read(
                    write("feeds:\n  - url: https://a.org/f\n    pollIntervalSeconds: 0\n")))
        .hasMessageContaining("pollIntervalSeconds");
    assertThatThrownBy(
            () ->
                FeedRegistryFile.read(
                    write("feeds:\n  - url: https://a.org/f\n    language: English!\n")))
        .hasMessageContaining("English!");
    assertThatThrownBy(
            () ->
                FeedRegistryFile.read(write("feeds:\n  - url: https://a.org/f\n    intervl: 5\n")))
        .hasMessageContaining("intervl");
    assertThatThrownBy(() -> FeedRegistryFile.read(write("feeds: []\n")))
        .hasMessageContaining("lists no feeds");
  }

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("feeds-" + System.nanoTime() + ".yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
