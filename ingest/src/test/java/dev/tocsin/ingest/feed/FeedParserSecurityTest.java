package dev.tocsin.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedParserSecurityTest {

  private static final Duration FAST = Duration.ofSeconds(3);
  private static final URI FEED_URL = URI.create("https://hostile.example/feed.xml");

  private final FeedParser parser = new FeedParser();

  private ParsedFeed parse(String xml) throws FeedParseException {
    return parser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/rss+xml", FEED_URL);
  }

  /** Every text the parser returned, to search for leaked content. */
  private static String allText(ParsedFeed feed) {
    List<String> texts = new ArrayList<>(List.of(feed.title()));
    for (ParsedItem item : feed.items()) {
      texts.add(item.title());
      texts.add(String.valueOf(item.summary()));
      texts.add(String.valueOf(item.content()));
      texts.add(String.valueOf(item.guid()));
      texts.add(String.valueOf(item.link()));
    }
    return String.join("\n", texts);
  }

  @Test
  void shouldRefuseQuicklyWhenDoctypeDeclaresBillionLaughs() {
    assertTimeoutPreemptively(
        FAST,
        () ->
            assertThatThrownBy(
                    () ->
                        parser.parse(Fixtures.bytes("hostile/billion-laughs.xml"), null, FEED_URL))
                .isInstanceOf(FeedParseException.class)
                .hasMessageStartingWith(
                    "https://hostile.example/feed.xml: DOCTYPE with entity expansion refused"));
  }

  @Test
  void shouldRefuseQuicklyWhenOneLargeEntityIsReferencedManyTimes() {
    String big = "x".repeat(50_000);
    String xml =
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY big \""
            + big
            + "\">]><rss version=\"2.0\"><channel><title>"
            + "&big;".repeat(1_000)
            + "</title><link>https://q.example/</link><description>d</description>"
            + "</channel></rss>";

    assertTimeoutPreemptively(
        FAST,
        () ->
            assertThatThrownBy(() -> parse(xml))
                .isInstanceOf(FeedParseException.class)
                .extracting(e -> ((FeedParseException) e).reason())
                .asString()
                .startsWith("DOCTYPE with entity expansion refused"));
  }

  @Test
  void shouldExpandWhenDoctypeDeclaresAFewInternalEntities() throws Exception {
    String xml =
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY org \"Harbour Authority\">]>"
            + "<rss version=\"2.0\"><channel><title>t</title><link>https://i.example/</link>"
            + "<description>d</description><item><title>&org; update</title></item>"
            + "</channel></rss>";

    assertThat(parse(xml).items().get(0).title()).isEqualTo("Harbour Authority update");
  }

  @Test
  void shouldNeverReadTheFileWhenAnExternalEntityPointsAtEtcPasswd() throws Exception {
    ParsedFeed feed = parser.parse(Fixtures.bytes("hostile/xxe-file.xml"), null, FEED_URL);

    assertThat(feed.items()).hasSize(1);
    assertThat(feed.items().get(0).link()).isEqualTo("https://xxe.example/item");
    assertThat(allText(feed)).doesNotContain("root:").doesNotContain("/bin/");
  }

  @Test
  void shouldNeverReadTheFileWhenAnExternalEntityPointsAtASecret(@TempDir Path dir)
      throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-7f3a");
    String xml =
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]><rss version=\"2.0\"><channel><title>t &xxe;</title>"
            + "<link>https://s.example/</link><description>&xxe;</description>"
            + "<item><title>i &xxe;</title><description>&xxe;</description></item>"
            + "</channel></rss>";

    ParsedFeed feed = parse(xml);

    assertThat(allText(feed)).doesNotContain("TOP-SECRET");
  }

  @Test
  void shouldParseWithoutFetchingWhenDoctypeNamesAnUnreachableExternalDtd() throws Exception {
    ParsedFeed feed =
        assertTimeoutPreemptively(
            FAST, () -> parser.parse(Fixtures.bytes("hostile/external-dtd.xml"), null, FEED_URL));

    assertThat(feed.title()).isEqualTo("External DTD");
    assertThat(feed.items()).extracting(ParsedItem::title).containsExactly("Still parsed");
  }

  @Test
  void shouldNeverConnectWhenDoctypeNamesAnExternalDtd() throws Exception {
    try (ServerSocket listener = listener()) {
      String xml =
          "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \""
              + address(listener)
              + "/x.dtd\"><rss version=\"2.0\"><channel><title>t</title>"
              + "<link>https://d.example/</link><description>d</description></channel></rss>";

      ParsedFeed feed = assertTimeoutPreemptively(FAST, () -> parse(xml));

      assertThat(feed.title()).isEqualTo("t");
      assertNoConnection(listener);
    }
  }

  @Test
  void shouldNeverConnectWhenAParameterEntityIsExternal() throws Exception {
    try (ServerSocket listener = listener()) {
      String xml =
          "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % remote SYSTEM \""
              + address(listener)
              + "/p.dtd\"> %remote;]><rss version=\"2.0\"><channel><title>t</title>"
              + "<link>https://p.example/</link><description>d</description></channel></rss>";

      assertTimeoutPreemptively(FAST, () -> parse(xml));

      assertNoConnection(listener);
    }
  }

  @Test
  void shouldNeverConnectWhenAGeneralEntityIsExternal() throws Exception {
    try (ServerSocket listener = listener()) {
      String xml =
          "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY remote SYSTEM \""
              + address(listener)
              + "/e.xml\">]><rss version=\"2.0\"><channel><title>t &remote;</title>"
              + "<link>https://g.example/</link><description>d</description></channel></rss>";

      ParsedFeed feed = assertTimeoutPreemptively(FAST, () -> parse(xml));

      assertThat(feed.title()).isEqualTo("t");
      assertNoConnection(listener);
    }
  }

  @Test
  void shouldNeedDoctypesAllowedWhenRomeParsesOnItsOwn() {
    // Canary for Rome upgrades: Rome's own input refuses the Netscape DOCTYPE that RSS 0.91 uses,
    // which is why FeedParser builds the document itself.
    String xml = new String(Fixtures.bytes("rss-0.91-netscape.xml"), StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> new SyndFeedInput().build(new StringReader(xml)))
        .isInstanceOf(FeedException.class);
  }

  private static ServerSocket listener() throws IOException {
    ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    listener.setSoTimeout(100);
    return listener;
  }

  private static String address(ServerSocket listener) {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  private static void assertNoConnection(ServerSocket listener) throws IOException {
    // A connection attempt would sit in the backlog by now: parsing is synchronous.
    try {
      listener.accept().close();
      throw new AssertionError("the parser connected to " + address(listener));
    } catch (SocketTimeoutException expected) {
      // Nobody connected.
    }
  }
}
