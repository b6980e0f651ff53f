package dev.tocsin.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeedParserEncodingTest {

  private static final String RUSSIAN_TITLE = "Паром в Находку отменён из-за шторма";

  private final FeedParser parser = new FeedParser();

  private ParsedFeed parse(String fixture, String contentType) throws FeedParseException {
    return parser.parse(Fixtures.bytes("encodings/" + fixture), contentType, Fixtures.url(fixture));
  }

  @Test
  void shouldDecodeWindows1251WhenTheXmlDeclarationSaysSo() throws Exception {
    ParsedFeed feed = parse("rss-windows-1251.xml", null);

    assertThat(feed.title()).isEqualTo("Вестник Приморья");
    assertThat(feed.language()).isEqualTo("ru");
    assertThat(feed.items().get(0).title()).isEqualTo(RUSSIAN_TITLE);
    assertThat(feed.items().get(0).summary()).isEqualTo("Рейсы возобновят в среду.");
  }

  @Test
  void shouldDecodeWindows1251WhenServedAsXmlWithoutCharset() throws Exception {
    ParsedFeed feed = parse("rss-windows-1251.xml", "text/xml");

    assertThat(feed.items().get(0).title()).isEqualTo(RUSSIAN_TITLE);
  }

  @Test
  void shouldDecodeEucKrWhenTheXmlDeclarationSaysSo() throws Exception {
    ParsedFeed feed = parse("rss-euc-kr.xml", "application/rss+xml");

    assertThat(feed.title()).isEqualTo("해안 소식");
    assertThat(feed.items().get(0).title()).isEqualTo("부산항 새 부두 개장");
    assertThat(feed.items().get(0).summary()).isEqualTo("다음 주부터 화물선이 들어옵니다.");
  }

  @Test
  void shouldDecodeUtf8WhenTheDocumentStartsWithABom() throws Exception {
    ParsedFeed feed = parse("atom-utf8-bom-korean.xml", "application/atom+xml");

    assertThat(feed.title()).isEqualTo("산악 통신");
    assertThat(feed.items().get(0).title()).isEqualTo("설악산 등산로 재개방");
    assertThat(feed.items().get(0).language()).isEqualTo("ko");
  }

  @Test
  void shouldLetTheBomWinWhenHttpCharsetDisagrees() throws Exception {
    ParsedFeed feed = parse("atom-utf8-bom-korean.xml", "application/atom+xml; charset=EUC-KR");

    assertThat(feed.items().get(0).title()).isEqualTo("설악산 등산로 재개방");
  }

  @Test
  void shouldUseHttpCharsetWhenTheDocumentDeclaresNone() throws Exception {
    ParsedFeed withHeader =
        parse("rss-windows-1251-undeclared.xml", "application/rss+xml; charset=windows-1251");
    ParsedFeed withoutHeader = parse("rss-windows-1251-undeclared.xml", "application/rss+xml");

    assertThat(withHeader.items().get(0).title()).isEqualTo(RUSSIAN_TITLE);
    assertThat(withoutHeader.items().get(0).title()).isNotEqualTo(RUSSIAN_TITLE);
  }

  @Test
  void shouldLetHttpCharsetOverrideTheDeclarationWhenTheyDisagree() throws Exception {
    ParsedFeed feed =
        parse("rss-windows-1251-declared-utf8.xml", "text/xml; charset=\"Windows-1251\"");

    assertThat(feed.items().get(0).title()).isEqualTo(RUSSIAN_TITLE);
  }

  @Test
  void shouldKeepTheDeclaredUtf8WhenHttpCharsetIsAServerDefault() throws Exception {
    String rss =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title>"
            + "<link>https://u.example/</link><description>d</description>"
            + "<item><title>Crème brûlée – ещё</title></item></channel></rss>";

    ParsedFeed feed =
        parser.parse(
            rss.getBytes(StandardCharsets.UTF_8),
            "text/xml; charset=ISO-8859-1",
            URI.create("https://u.example/rss"));

    assertThat(feed.items().get(0).title()).isEqualTo("Crème brûlée – ещё");
  }

  @Test
  void shouldReadUtf8WhenTextXmlHasNeitherCharsetNorDeclaration() throws Exception {
    String rss =
        "<rss version=\"2.0\"><channel><title>Ünïcödé</title><link>https://u.example/</link>"
            + "<description>d</description></channel></rss>";

    ParsedFeed feed =
        parser.parse(rss.getBytes(StandardCharsets.UTF_8), "text/xml", URI.create("https://u/"));

    assertThat(feed.title()).isEqualTo("Ünïcödé");
  }

  @Test
  void shouldDecodeUtf16WhenTheDocumentStartsWithABom() throws Exception {
    String rss =
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel>"
            + "<title>Заголовок</title><link>https://u.example/</link><description>d</description>"
            + "</channel></rss>";

    ParsedFeed feed =
        parser.parse(
            rss.getBytes(Charset.forName("UTF-16")), null, URI.create("https://u.example/"));

    assertThat(feed.title()).isEqualTo("Заголовок");
  }
}
