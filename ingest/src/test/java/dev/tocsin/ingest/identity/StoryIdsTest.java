package dev.tocsin.ingest.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class StoryIdsTest {

  private static final String FEED = "https://feeds.example/world.xml";

  private static String sha256(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldHashTheCanonicalUrlWhenTheItemHasOne() throws Exception {
    String id = StoryIds.of("https://news.example/a", "guid-1", FEED, "Title", "Text");

    assertThat(id).isEqualTo("u-" + sha256("https://news.example/a").substring(0, 16));
    assertThat(id).matches("u-[0-9a-f]{16}");
  }

  @Test
  void shouldGiveTheSameIdWhenLinksDifferOnlyByTrackingAndCase() {
    String a = CanonicalUrl.of("https://www.news.example/a?utm_source=rss&id=1").orElseThrow();
    String b = CanonicalUrl.of("HTTPS://NEWS.EXAMPLE/a/?id=1&fbclid=x#frag").orElseThrow();

    assertThat(StoryIds.of(a, "g1", FEED, "One title", "x"))
        .isEqualTo(StoryIds.of(b, "g2", "https://other.example/feed", "Other title", "y"));
  }

  @Test
  void shouldHashFeedAndGuidWhenThereIsNoUrl() throws Exception {
    String id = StoryIds.of(null, "  guid-1 \n", FEED, "Title", "Text");

    assertThat(id).isEqualTo("g-" + sha256(FEED + "\nguid-1").substring(0, 16));
    assertThat(StoryIds.of("", "guid-1", FEED, "Other", "Other")).isEqualTo(id);
    assertThat(StoryIds.of(null, "guid-1", "https://feeds.example/other.xml", "Title", "Text"))
        .isNotEqualTo(id);
  }

  @Test
  void shouldHashNormalizedContentWhenThereIsNeitherUrlNorGuid() throws Exception {
    String id = StoryIds.of(null, " ", FEED, "Envoys  Meet", "Talks\u00A0began.");

    assertThat(id).isEqualTo("c-" + sha256("envoys meet\ntalks began.").substring(0, 16));
    assertThat(StoryIds.of(null, null, FEED, "ＥＮＶＯＹＳ meet", " talks\n began. ")).isEqualTo(id);
  }

  @Test
  void shouldGiveAFullHexContentHashThatIgnoresCaseWidthAndSpacing() throws Exception {
    String hash = StoryIds.contentHash("Envoys Meet", "Talks began.\n\nMore.");

    assertThat(hash).isEqualTo(sha256("envoys meet\ntalks began. more."));
    assertThat(hash).hasSize(64);
    assertThat(StoryIds.contentHash("ＥＮＶＯＹＳ\u3000MEET ", "talks began.\u200B More."))
        .isEqualTo(hash);
    assertThat(StoryIds.contentHash("Envoys Meet", "Talks ended.")).isNotEqualTo(hash);
  }

  @Test
  void shouldTreatNullsAsEmptyWhenHashingContent() {
    assertThat(StoryIds.contentHash(null, null)).isEqualTo(StoryIds.contentHash("", " "));
  }

  @Test
  void shouldNotDependOnTheDefaultLocaleWhenItIsTurkish() {
    String title = "IRAN AND THE TITLE OF THIS STORY";
    String expectedId = StoryIds.of(null, null, FEED, title, "INDIA");
    String expectedHash = StoryIds.contentHash(title, "INDIA");
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(new Locale("tr"));

      assertThat(StoryIds.of(null, null, FEED, title, "INDIA")).isEqualTo(expectedId);
      assertThat(StoryIds.contentHash(title, "INDIA"))
          .isEqualTo(expectedHash)
          .isEqualTo(StoryIds.contentHash("iran and the title of this story", "india"));
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void shouldRequireTheFeedUrl() {
    assertThatThrownBy(() -> StoryIds.of(null, "g", null, "t", "x"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("feedUrl");
  }
}
