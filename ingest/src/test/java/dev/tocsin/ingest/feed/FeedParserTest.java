package dev.tocsin.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedParserTest {

  private final FeedParser parser = new FeedParser();

  private ParsedFeed parse(String fixture, String contentType) throws FeedParseException {
    return parser.parse(Fixtures.bytes(fixture), contentType, Fixtures.url(fixture));
  }

  private ParsedFeed parse(String fixture) throws FeedParseException {
    return parse(fixture, null);
  }

  private FeedParseException failure(String body, String contentType) {
    URI url = URI.create("https://x.example/feed.xml");
    return (FeedParseException)
        assertThatThrownBy(
                () -> parser.parse(body.getBytes(StandardCharsets.UTF_8), contentType, url))
            .isInstanceOf(FeedParseException.class)
            .actual();
  }

  @Test
  void shouldParseRss091WhenItCarriesTheNetscapeDoctype() throws Exception {
    ParsedFeed feed = parse("rss-0.91-netscape.xml", "application/rss+xml");

    assertThat(feed.format()).isEqualTo("rss_0.9x");
    assertThat(feed.title()).isEqualTo("Harbour Gazette");
    assertThat(feed.link()).isEqualTo("https://gazette.example/");
    assertThat(feed.language()).isEqualTo("en-gb");
    assertThat(feed.items()).hasSize(2);
    ParsedItem first = feed.items().get(0);
    assertThat(first.title()).isEqualTo("Ferry timetable changes again");
    assertThat(first.summary()).isEqualTo("The island ferry will run twice a day.");
    assertThat(first.link()).isEqualTo("https://gazette.example/2024/ferry-timetable");
    assertThat(first.guid()).isNull();
    assertThat(first.published()).isNull();
    assertThat(feed.items().get(1).link()).isEqualTo("https://gazette.example/2024/lighthouse");
  }

  @Test
  void shouldParseRss091WhenItHasNoDoctype() throws Exception {
    ParsedFeed feed = parse("rss-0.91-userland.xml");

    assertThat(feed.format()).isEqualTo("rss_0.9x");
    assertThat(feed.items()).extracting(ParsedItem::title).containsExactly("Fishing season opens");
    assertThat(feed.items().get(0).language()).isEqualTo("en");
  }

  @Test
  void shouldParseRss092WhenDescriptionIsEscapedHtml() throws Exception {
    ParsedFeed feed = parse("rss-0.92.xml");

    assertThat(feed.format()).isEqualTo("rss_0.9x");
    ParsedItem item = feed.items().get(0);
    assertThat(item.summary()).isEqualTo("Engineers signed off on Monday.");
    assertThat(item.content()).isNull();
    assertThat(item.link()).isEqualTo("https://courier.example/news/bridge-reopens");
  }

  @Test
  void shouldParseRss10WhenItemsCarryDcDatesAndRdfAbout() throws Exception {
    ParsedFeed feed = parse("rss-1.0.rdf");

    assertThat(feed.format()).isEqualTo("rss_1.0");
    assertThat(feed.title()).isEqualTo("Plains Observer");
    assertThat(feed.language()).isEqualTo("en");
    assertThat(feed.items()).hasSize(2);
    ParsedItem first = feed.items().get(0);
    assertThat(first.guid()).isEqualTo("https://observer.example/a/grain-prices");
    assertThat(first.published()).isEqualTo(Instant.parse("2024-03-05T07:30:00Z"));
    assertThat(first.author()).isEqualTo("M. Ortega");
    assertThat(feed.items().get(1).published()).isEqualTo(Instant.parse("2024-03-06T17:00:00Z"));
  }

  @Test
  void shouldPreferContentEncodedForContentWhenRss20HasBoth() throws Exception {
    ParsedFeed feed = parse("rss-2.0.xml");

    assertThat(feed.format()).isEqualTo("rss_2.0");
    assertThat(feed.title()).isEqualTo("North Desk & Wire");
    assertThat(feed.language()).isEqualTo("en-us");
    ParsedItem item = feed.items().get(0);
    assertThat(item.guid()).isEqualTo("northdesk-10231");
    assertThat(item.title()).isEqualTo("Envoys meet in the capital");
    assertThat(item.link())
        .isEqualTo("https://northdesk.example/2024/05/envoys-meet?utm_source=rss");
    assertThat(item.summary()).isEqualTo("Two delegations met for talks.");
    assertThat(item.content())
        .isEqualTo(
            "Two delegations met for talks on Tuesday.\n\n"
                + "A joint statement is expected.\nOfficials declined to comment.\n\n"
                + "First point\n\nSecond point");
    assertThat(item.author()).isEqualTo("Dana Reyes");
    assertThat(item.published()).isEqualTo(Instant.parse("2024-05-01T10:15:00Z"));
    assertThat(item.language()).isEqualTo("en-us");
    ParsedItem second = feed.items().get(1);
    assertThat(second.guid()).isEqualTo("https://northdesk.example/2024/05/exercise-ends");
    assertThat(second.published()).isEqualTo(Instant.parse("2024-05-01T21:00:00Z"));
    assertThat(second.content()).isNull();
  }

  @Test
  void shouldParseAtom03WhenDatesAreIssuedAndModified() throws Exception {
    ParsedFeed feed = parse("atom-0.3.xml");

    assertThat(feed.format()).isEqualTo("atom_0.3");
    assertThat(feed.title()).isEqualTo("Old Mill Bulletin");
    ParsedItem item = feed.items().get(0);
    assertThat(item.guid()).isEqualTo("tag:mill.example,2024:wheel");
    assertThat(item.link()).isEqualTo("https://mill.example/posts/wheel");
    assertThat(item.title()).isEqualTo("Water wheel restored");
    assertThat(item.summary()).isEqualTo("The wheel turns again.");
    assertThat(item.content()).isEqualTo("After two years, the wheel turns again.");
    assertThat(item.author()).isEqualTo("Ada Miller");
    assertThat(item.published()).isEqualTo(Instant.parse("2024-02-01T09:00:00Z"));
  }

  @Test
  void shouldResolveAgainstXmlBaseWhenAtom10LinksAreRelative() throws Exception {
    ParsedFeed feed = parse("atom-1.0.xml", "application/atom+xml; charset=utf-8");

    assertThat(feed.format()).isEqualTo("atom_1.0");
    assertThat(feed.title()).isEqualTo("Ridge Dispatch");
    assertThat(feed.link()).isEqualTo("https://ridge.example/blog/");
    assertThat(feed.language()).isEqualTo("en");
    ParsedItem first = feed.items().get(0);
    assertThat(first.link()).isEqualTo("https://ridge.example/blog/2024/04/snow-pass");
    assertThat(first.guid()).isEqualTo("urn:uuid:1b6f7a8c-0000-4000-8000-000000000001");
    assertThat(first.title()).isEqualTo("Snow closes the pass");
    assertThat(first.summary()).isEqualTo("Road crews <expect> a reopening tomorrow.");
    assertThat(first.content())
        .isEqualTo("Road crews worked overnight.\n\nThe pass may reopen tomorrow.");
    assertThat(first.author()).isEqualTo("Lee Park, Sam Okafor");
    assertThat(first.published()).isEqualTo(Instant.parse("2024-04-10T05:00:00Z"));
    assertThat(first.language()).isEqualTo("en");
    ParsedItem second = feed.items().get(1);
    assertThat(second.link()).isEqualTo("https://mirror.example/ridge/posts/avalanche");
    assertThat(second.summary()).isEqualTo("Risk level is moderate.");
    assertThat(second.published()).isEqualTo(Instant.parse("2024-04-11T06:00:00Z"));
    assertThat(second.language()).isEqualTo("fr");
  }

  @Test
  void shouldResolveAgainstXmlBaseWhenRssChannelDeclaresOne() throws Exception {
    ParsedFeed feed = parse("relative-links.xml");

    assertThat(feed.items().get(0).link()).isEqualTo("https://cdn.example/site/stories/based");
  }

  @Test
  void shouldResolveAgainstTheChannelLinkWhenThereIsNoXmlBase() throws Exception {
    ParsedFeed feed = parse("relative-to-channel.xml");

    assertThat(feed.items())
        .extracting(ParsedItem::link)
        .containsExactly(
            "https://relative.example/2024/rooted", "https://relative.example/news/sibling.html");
  }

  @Test
  void shouldResolveAgainstTheFeedUrlWhenTheFeedHasNoLink() throws Exception {
    String rss =
        "<rss version=\"2.0\"><channel><title>t</title><description>d</description>"
            + "<item><title>a</title><link>../story/7</link></item></channel></rss>";

    ParsedFeed feed =
        parser.parse(
            rss.getBytes(StandardCharsets.UTF_8),
            null,
            URI.create("https://site.example/feeds/main.xml"));

    assertThat(feed.link()).isNull();
    assertThat(feed.items().get(0).link()).isEqualTo("https://site.example/story/7");
  }

  @Test
  void shouldParseJsonFeed10WhenItemsUseAuthorAndRelativeUrls() throws Exception {
    ParsedFeed feed = parse("json-feed-1.0.json", "application/feed+json");

    assertThat(feed.format()).isEqualTo("json_1.0");
    assertThat(feed.title()).isEqualTo("Coast Radio Notes");
    assertThat(feed.link()).isEqualTo("https://coastradio.example/");
    ParsedItem first = feed.items().get(0);
    assertThat(first.guid()).isEqualTo("cr-77");
    assertThat(first.link()).isEqualTo("https://coastradio.example/notes/storm-watch");
    assertThat(first.content()).isEqualTo("Winds up to 90 km/h.\n\nFerries may stop.");
    assertThat(first.summary()).isEqualTo("Strong winds expected.");
    assertThat(first.author()).isEqualTo("Kim Lund");
    assertThat(first.published()).isEqualTo(Instant.parse("2024-06-01T09:00:00Z"));
    ParsedItem second = feed.items().get(1);
    assertThat(second.guid()).isEqualTo("78");
    assertThat(second.content()).startsWith("The harbour is open again").contains("\n\nBoats");
    assertThat(second.title())
        .endsWith("\u2026")
        .startsWith("The harbour is open again after the storm");
    assertThat(second.title().codePointCount(0, second.title().length())).isLessThanOrEqualTo(101);
    assertThat(second.published()).isNull();
  }

  @Test
  void shouldParseJsonFeed11WhenItemsUseAuthorsAndLanguage() throws Exception {
    ParsedFeed feed = parse("json-feed-1.1.json");

    assertThat(feed.format()).isEqualTo("json_1.1");
    assertThat(feed.language()).isEqualTo("en-GB");
    ParsedItem item = feed.items().get(0);
    assertThat(item.title()).isEqualTo("Convoy & escort seen near border");
    assertThat(item.author()).isEqualTo("R. Aziz, T. Berg");
    assertThat(item.language()).isEqualTo("ru");
    assertThat(item.published()).isEqualTo(Instant.parse("2024-07-02T10:00:00Z"));
    assertThat(item.link()).isEqualTo("https://steppe.example/r/convoy?utm_campaign=x");
  }

  @Test
  void shouldDetectJsonWhenBodyStartsWithBomAndWhitespace() throws Exception {
    byte[] json =
        "\uFEFF \n{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"T\",\"items\":[]}"
            .getBytes(StandardCharsets.UTF_8);

    ParsedFeed feed = parser.parse(json, "text/plain", URI.create("https://j.example/f"));

    assertThat(feed.format()).isEqualTo("json_1.1");
    assertThat(feed.items()).isEmpty();
  }

  @Test
  void shouldParseXmlWhenServedWithAJsonContentType() throws Exception {
    ParsedFeed feed = parse("rss-2.0.xml", "application/json");

    assertThat(feed.format()).isEqualTo("rss_2.0");
  }

  @Test
  void shouldLeavePublishedNullWhenItemHasNoUsableDate() throws Exception {
    ParsedFeed feed = parse("missing-dates.xml");

    assertThat(feed.items()).extracting(ParsedItem::published).containsOnlyNulls();
    assertThat(feed.items()).hasSize(3);
  }

  @Test
  void shouldDeriveTitleFromSummaryWhenItemHasNoTitle() throws Exception {
    ParsedItem untitled = parse("missing-dates.xml").items().get(2);

    assertThat(untitled.title())
        .startsWith("An item with no title at all, only a description")
        .endsWith("\u2026")
        .doesNotEndWith(" \u2026");
    assertThat(untitled.title().length()).isLessThanOrEqualTo(101);
    assertThat(untitled.link()).isNull();
  }

  @Test
  void shouldUseEmptyTitleWhenItemHasNoTextAtAll() throws Exception {
    String rss =
        "<rss version=\"2.0\"><channel><title>t</title><link>https://e.example/</link>"
            + "<description>d</description><item><link>https://e.example/x</link></item>"
            + "</channel></rss>";

    ParsedFeed feed =
        parser.parse(rss.getBytes(StandardCharsets.UTF_8), null, URI.create("https://e.example/f"));

    assertThat(feed.items().get(0).title()).isEmpty();
    assertThat(feed.items().get(0).summary()).isNull();
  }

  @Test
  void shouldRejectWithReadableReasonWhenGivenAnHtmlErrorPage() {
    FeedParseException e =
        (FeedParseException)
            assertThatThrownBy(
                    () ->
                        parser.parse(
                            Fixtures.bytes("html-error-page.html"),
                            "text/html; charset=utf-8",
                            URI.create("https://x.example/feed.xml")))
                .isInstanceOf(FeedParseException.class)
                .actual();

    assertThat(e.getMessage())
        .isEqualTo("https://x.example/feed.xml: not a feed: HTML page (<html> root)");
    assertThat(e.reason()).isEqualTo("not a feed: HTML page (<html> root)");
    assertThat(e.feedUrl()).isEqualTo(URI.create("https://x.example/feed.xml"));
  }

  @Test
  void shouldRejectWhenAWellFormedXhtmlPageIsGiven() {
    FeedParseException e =
        failure(
            "<?xml version=\"1.0\"?>\n<!-- page -->\n"
                + "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>",
            "application/xhtml+xml");

    assertThat(e.reason()).isEqualTo("not a feed: HTML page (<html> root)");
  }

  @Test
  void shouldRejectWhenBodyIsEmpty() {
    FeedParseException e = failure("", "application/rss+xml");

    assertThat(e.getMessage()).isEqualTo("https://x.example/feed.xml: empty document");
  }

  @Test
  void shouldRejectWhenBodyIsOnlyWhitespace() {
    assertThat(failure("  \r\n\t ", null).reason()).isEqualTo("empty document");
  }

  @Test
  void shouldRejectWhenBodyIsEmptyAndServedAsJson() {
    assertThat(failure("", "application/feed+json").reason()).isEqualTo("empty document");
  }

  @Test
  void shouldReportLineAndColumnWhenXmlIsTruncated() {
    FeedParseException e =
        (FeedParseException)
            assertThatThrownBy(
                    () ->
                        parser.parse(
                            Fixtures.bytes("truncated.xml"),
                            "application/rss+xml",
                            URI.create("https://x.example/feed.xml")))
                .isInstanceOf(FeedParseException.class)
                .actual();

    assertThat(e.getMessage())
        .startsWith("https://x.example/feed.xml: malformed XML at line 7, column ");
    assertThat(e.getCause()).isNotNull();
  }

  @Test
  void shouldReportPositionWhenXmlIsMalformed() {
    FeedParseException e =
        failure("<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n  <channel><</channel>", null);

    assertThat(e.reason()).startsWith("malformed XML at line 3, column ");
  }

  @Test
  void shouldRejectWithSnippetWhenBodyIsPlainText() {
    FeedParseException e = failure("Service temporarily unavailable, please retry", "text/plain");

    assertThat(e.reason())
        .isEqualTo(
            "not a feed: plain text, neither XML nor JSON"
                + " (starts with \"Service temporarily unavailable, please\u2026\")");
  }

  @Test
  void shouldRejectWhenRootElementIsNotAFeed() {
    FeedParseException e = failure("<opml version=\"2.0\"><head/><body/></opml>", "text/x-opml");

    assertThat(e.reason()).isEqualTo("not a feed: unsupported root element <opml>");
  }

  @Test
  void shouldRejectWhenJsonHasNoJsonFeedVersion() {
    FeedParseException e = failure("{\"title\":\"x\",\"items\":[]}", "application/json");

    assertThat(e.reason()).isEqualTo("not a feed: JSON without a JSON Feed version");
  }

  @Test
  void shouldReportPositionWhenJsonIsMalformed() {
    FeedParseException e =
        failure("{\"version\":\"https://jsonfeed.org/version/1.1\",\n\"items\":[}", null);

    assertThat(e.reason()).startsWith("malformed JSON at line 2, column ");
  }

  @Test
  void shouldRequireBodyAndFeedUrl() {
    assertThatThrownBy(() -> parser.parse(null, null, URI.create("https://x.example/")))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("body");
    assertThatThrownBy(() -> parser.parse(new byte[0], null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("feedUrl");
  }
}
