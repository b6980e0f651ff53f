package dev.tocsin.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The readings the feedparser comparison settled, on hand-written feeds. */
class FeedParserConformanceTest {

  private static final URI URL = URI.create("https://desk.example/feeds/main.xml");

  private final FeedParser parser = new FeedParser();

  private ParsedItem first(String xml) throws FeedParseException {
    return parser.parse(xml.getBytes(StandardCharsets.UTF_8), null, URL).items().get(0);
  }

  private static String atom(String entry) {
    return "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Desk</title><entry>"
        + entry
        + "</entry></feed>";
  }

  private static String rss(String item) {
    return "<rss version=\"2.0\"><channel><title>Desk</title><link>https://desk.example/</link>"
        + "<item>"
        + item
        + "</item></channel></rss>";
  }

  @Test
  void shouldTakeTheAlternateLinkWhenAnAtomEntryListsEnclosuresFirst() throws Exception {
    ParsedItem item =
        first(
            atom(
                "<title>Harbour opens</title>"
                    + "<link rel=\"enclosure\" type=\"audio/mpeg\" href=\"https://cdn.example/a.mp3\"/>"
                    + "<link rel=\"related\" href=\"https://other.example/\"/>"
                    + "<link href=\"https://desk.example/harbour\"/>"));

    assertThat(item.link()).isEqualTo("https://desk.example/harbour");
  }

  @Test
  void shouldGiveNoLinkWhenAnAtomEntryHasOnlyAnEnclosureAndATagId() throws Exception {
    ParsedItem item =
        first(
            atom(
                "<title>Harbour opens</title><id>tag:desk.example,2024:1</id>"
                    + "<link rel=\"enclosure\" href=\"https://cdn.example/a.mp3\"/>"));

    assertThat(item.link()).isNull();
    assertThat(item.guid()).isEqualTo("tag:desk.example,2024:1");
  }

  @Test
  void shouldUseAPermalinkGuidAsTheLinkWhenTheItemHasNone() throws Exception {
    assertThat(first(rss("<title>a</title><guid>https://desk.example/a</guid>")).link())
        .isEqualTo("https://desk.example/a");
    assertThat(
            first(rss("<title>a</title><guid isPermaLink=\"false\">https://desk.example/a</guid>"))
                .link())
        .isNull();
    assertThat(first(rss("<title>a</title><guid>4711</guid>")).link()).isNull();
  }

  @Test
  void shouldTakeTheLastLinkOfAnRssItemAndEscapeWhatUrlsMayNotHold() throws Exception {
    ParsedItem item =
        first(
            rss(
                "<title>a</title><link>https://desk.example/old</link>"
                    + "<link>https://desk.example/new?tags=[a]</link>"));

    assertThat(item.link()).isEqualTo("https://desk.example/new?tags=%5Ba%5D");
  }

  @Test
  void shouldReadAnAtomLinkInsideAnRssItemWithoutLink() throws Exception {
    String xml =
        "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>D</title>"
            + "<item><title>a</title><atom:link href=\"https://desk.example/a\"/></item>"
            + "</channel></rss>";

    assertThat(first(xml).link()).isEqualTo("https://desk.example/a");
  }

  @Test
  void shouldReadAnAtomTitleOfAnUnknownTypeAsText() throws Exception {
    assertThat(first(atom("<title type=\"application/x-custom\">Quay</title>")).title())
        .isEqualTo("Quay");
  }

  @Test
  void shouldReadDatesRomeMisses() throws Exception {
    assertThat(
            first(rss("<title>a</title><pubDate>Mon, 21 Jan 2008 8:56 pm PST</pubDate>"))
                .published())
        .isEqualTo(Instant.parse("2008-01-22T04:56:00Z"));
    assertThat(
            first(rss("<title>a</title><pubDate>2006-01-11 16:43:22 -0800</pubDate>")).published())
        .isEqualTo(Instant.parse("2006-01-12T00:43:22Z"));
    String dc = "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"";
    String fraction =
        "<rss version=\"2.0\" "
            + dc
            + "><channel><title>D</title><item><title>a</title>"
            + "<dc:date>2013-09-16T06:57:33.39885-05:00</dc:date></item></channel></rss>";
    assertThat(first(fraction).published()).isEqualTo(Instant.parse("2013-09-16T11:57:33.398Z"));
  }

  @Test
  void shouldReadUtf8BytesWhenTheDeclarationSaysLatin1() throws Exception {
    String xml =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
            + rss("<title>Caf\u00e9 on the quay</title>");

    assertThat(first(xml).title()).isEqualTo("Caf\u00e9 on the quay");
  }
}
