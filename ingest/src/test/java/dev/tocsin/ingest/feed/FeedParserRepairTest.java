package dev.tocsin.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The habits of real feeds that the parser repairs, as feedparser and gofeed do. */
class FeedParserRepairTest {

  private static final URI URL = URI.create("https://feeds.example/news.xml");

  private final FeedParser parser = new FeedParser();

  private ParsedFeed parse(String xml) throws FeedParseException {
    return parser.parse(xml.getBytes(StandardCharsets.UTF_8), null, URL);
  }

  @Test
  void shouldKeepTheWholeTitleWhenItHoldsUnescapedMarkup() throws FeedParseException {
    ParsedFeed feed =
        parse(
            "<rss version=\"2.0\"><channel><title>Wire <i>daily</i></title><item>"
                + "<title>Ministers meet in <b>Pyongyang</b></title>"
                + "<guid isPermaLink=\"false\"><p>abc</p></guid></item></channel></rss>");

    assertThat(feed.title()).isEqualTo("Wire daily");
    assertThat(feed.items().get(0).title()).isEqualTo("Ministers meet in Pyongyang");
    assertThat(feed.items().get(0).guid()).isEqualTo("<p>abc</p>");
  }

  @Test
  void shouldFallBackToDublinCoreTitlesAndDates() throws FeedParseException {
    ParsedFeed feed =
        parse(
            "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                + " xmlns:dcterms=\"http://purl.org/dc/terms/\"><channel>"
                + "<dc:title>DC feed</dc:title><item><dc:title>DC item</dc:title>"
                + "<dcterms:modified>2019-11-19T08:30:00Z</dcterms:modified></item>"
                + "</channel></rss>");

    assertThat(feed.title()).isEqualTo("DC feed");
    assertThat(feed.items().get(0).title()).isEqualTo("DC item");
    assertThat(feed.items().get(0).published()).isEqualTo(Instant.parse("2019-11-19T08:30:00Z"));
  }

  @Test
  void shouldReadAnAtomFeedInNoNamespaceAsAtom() throws FeedParseException {
    ParsedFeed feed =
        parse("<feed><title>Plain</title><entry><id>right</id><title>E</title></entry></feed>");

    assertThat(feed.format()).isEqualTo("atom_1.0");
    assertThat(feed.title()).isEqualTo("Plain");
    assertThat(feed.items().get(0).guid()).isEqualTo("right");
  }

  @Test
  void shouldDecodeBase64Titles() throws FeedParseException {
    ParsedFeed atom03 =
        parse(
            "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\">"
                + "<title mode=\"base64\">RXhhbXBsZSBBdG9t</title></feed>");
    ParsedFeed atom10 =
        parse(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                + "<title type=\"application/octet-stream\">PHA+RmVlZCBUaXRsZTwvcD4=</title></feed>");

    assertThat(atom03.title()).isEqualTo("Example Atom");
    assertThat(atom10.title()).isEqualTo("Feed Title");
  }

  @Test
  void shouldReadRssWithoutAChannelOrInUserlandsNamespaceAsRss() throws FeedParseException {
    assertThat(parse("<rss version=\"2.0\"/>").items()).isEmpty();
    ParsedFeed userland =
        parse(
            "<rss xmlns=\"http://backend.userland.com/rss2\"><channel><title>U</title>"
                + "<item><title>I</title></item></channel></rss>");
    assertThat(userland.title()).isEqualTo("U");
    assertThat(userland.items()).hasSize(1);
  }

  @Test
  void shouldRecoverFromUndeclaredPrefixesBareAmpersandsAndControlCharacters()
      throws FeedParseException {
    ParsedFeed feed =
        parse(
            "<rss version=\"2.0\"><channel><title>Q&A \u0008news</title>"
                + "<atom:link rel=\"alternate\" href=\"https://site.example/\"/>"
                + "<item><title>Caf&eacute; talk</title><link>https://site.example/a?x=1&y=2</link>"
                + "<media:content url=\"https://site.example/a.jpg\"/></item></channel></rss>");

    assertThat(feed.title()).isEqualTo("Q&A news");
    assertThat(feed.link()).isEqualTo("https://site.example/");
    assertThat(feed.items().get(0).title()).isEqualTo("Café talk");
    assertThat(feed.items().get(0).link()).isEqualTo("https://site.example/a?x=1&y=2");
  }

  @Test
  void shouldNotGuessAtATruncatedDocumentOrExpandEntitiesWhenRecovering()
      throws FeedParseException {
    assertThatThrownBy(() -> parse("<rss version=\"2.0\"><channel><title>cut"))
        .isInstanceOf(FeedParseException.class)
        .hasMessageContaining("malformed XML");
    // Malformed (a bare &) and with an entity declaration: recovered, the entity left alone.
    String hostile =
        "<!DOCTYPE rss [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
            + "<rss version=\"2.0\"><channel><title>a & b</title><item><title>&undeclared;&lol2;"
            + "</title></item></channel></rss>";
    ParsedFeed feed = parse(hostile);
    assertThat(feed.title()).isEqualTo("a & b");
    assertThat(feed.items().get(0).title())
        .isEqualTo("&undeclared;&lol2;")
        .doesNotContain("lol;lol");
  }

  @Test
  void shouldRefuseNestingDeeperThanAThousandElements() {
    String deep =
        "<rss version=\"2.0\"><channel><item>"
            + "<x>".repeat(5000)
            + "</x>".repeat(5000)
            + "</item></channel></rss>";

    assertThatThrownBy(() -> parse(deep))
        .isInstanceOf(FeedParseException.class)
        .hasMessageContaining("XML processing limit exceeded")
        .hasMessageContaining("maxElementDepth");
  }

  @Test
  void shouldNotLetANamespaceJdomRefusesEscape() throws FeedParseException {
    ParsedFeed feed =
        parse(
            "<rss version=\"2.0\" xmlns:itunes=\" http://www.itunes.com/DTDs/PodCast-1.0.dtd\">"
                + "<channel><title>T</title><item><title>I</title></item></channel></rss>");

    assertThat(feed.items()).hasSize(1);
  }
}
