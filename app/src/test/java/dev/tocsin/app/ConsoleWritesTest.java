package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.ingest.IngestSettings;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.Topics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's feed form refuses what {@code tocsin feeds add} refuses, before Kafka. */
class ConsoleWritesTest {

  // Nothing listens there: a write would fail with a Kafka error, not the messages asserted.
  private final ConsoleWrites writes =
      new ConsoleWrites(
          KafkaSettings.local("127.0.0.1:1").clientConfig(),
          Topics.defaults(),
          IngestSettings.fromEnvironment(Map.of()).guard(),
          Clock.systemUTC());

  @Test
  void shouldRefuseAFeedOnAPrivateAddressNamingTheAddressAndTheSetting() {
    assertThatThrownBy(() -> writes.addFeed(feed("http://10.1.2.3/feed.xml")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10.1.2.3")
        .hasMessageContaining("TOCSIN_INGEST_ALLOWED_ADDRESSES");
  }

  @Test
  void shouldRefuseAFeedUrlWithoutHttpScheme() {
    assertThatThrownBy(() -> writes.addFeed(feed("ftp://example.org/feed.xml")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unsupported scheme 'ftp'");
  }

  private static Feed feed(String url) {
    return Feed.newBuilder()
        .setUrl(url)
        .setName(url)
        .setOutlet("x")
        .setLanguage(null)
        .setPollIntervalSeconds(300)
        .setFullText(false)
        .setTags(List.of())
        .setEnabled(true)
        .build();
  }
}
