package dev.tocsin.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ArticleExtractorTest {

  private final ArticleExtractor extractor = new ArticleExtractor();

  @Test
  void shouldKeepTheArticleParagraphsAndSubheadingsInOrder() throws IOException {
    ExtractedArticle article =
        extractor.extract(fixture("article.html"), URI.create("https://courier.example/pact"));

    assertThat(article.title()).isEqualTo("Pact talks resume in Vladivostok");
    assertThat(article.source()).isEqualTo("dom");
    assertThat(article.paragraphs())
        .hasSize(4)
        .satisfiesExactly(
            p -> assertThat(p).startsWith("Delegations from both governments"),
            p -> assertThat(p).contains("committee on technology transfer, according"),
            p -> assertThat(p).isEqualTo("What comes next"),
            p -> assertThat(p).startsWith("A second round is planned"));
    assertThat(article.text()).isEqualTo(String.join("\n\n", article.paragraphs()));
  }

  @Test
  void shouldDropNavigationSharingRelatedCommentsHiddenAndScripts() throws IOException {
    String text = extractor.extract(fixture("article.html"), null).text();

    assertThat(text)
        .doesNotContain("Politics")
        .doesNotContain("Share on")
        .doesNotContain("Advertisement")
        .doesNotContain("Shells shipped by rail")
        .doesNotContain("nobody listened")
        .doesNotContain("honeypot")
        .doesNotContain("Storm closes")
        .doesNotContain("All rights reserved")
        .doesNotContain("script")
        .doesNotContain("By A. Reporter");
  }

  @Test
  void shouldPreferTheStructuredBodyWhenThePageShowsOnlyATeaser() throws IOException {
    ExtractedArticle article = extractor.extract(fixture("json-ld.html"), null);

    assertThat(article.source()).isEqualTo("json-ld");
    assertThat(article.title()).isEqualTo("Briefing: the week on the peninsula");
    assertThat(article.paragraphs()).hasSize(3);
    assertThat(article.paragraphs().get(2)).endsWith("satellite images and shipping records.");
    assertThat(article.text()).contains("sources \u2014 satellite");
  }

  @Test
  void shouldDropTheSiteNameFromAMetaTitle() {
    ExtractedArticle article =
        extractor.extract(
            "<html><head><meta property=\"og:site_name\" content=\"The Courier\">"
                + "<meta property=\"og:title\" content=\"Talks resume - The Courier\">"
                + "</head><body><p>Short.</p></body></html>",
            null);

    assertThat(article.title()).isEqualTo("Talks resume");
  }

  @Test
  void shouldReturnAnEmptyBodyForAPageWithoutProse() {
    ExtractedArticle article =
        extractor.extract(
            "<html><head><title>Index</title></head><body><ul><li><a href=/a>One</a></li>"
                + "<li><a href=/b>Two</a></li></ul></body></html>",
            null);

    assertThat(article.isEmpty()).isTrue();
    assertThat(article.source()).isEqualTo("none");
    assertThat(article.title()).isEqualTo("Index");
  }

  @Test
  void shouldSurviveDeeplyNestedMarkup() {
    String html = "<div>".repeat(50_000) + "<p>" + "deep words ".repeat(20) + "</p>";

    ExtractedArticle article = extractor.extract(html, null);

    assertThat(article.title()).isEmpty();
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = ArticleExtractorTest.class.getResourceAsStream("/extract/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void shouldDropTeaserCardsCaptionsCallsToActionAndWhatFollowsARelatedHeading() {
    String prose =
        "<p>The harbour authority opened the new ferry berth on Monday after two years of work,"
            + " and the first boats docked there before noon.</p>";
    String card =
        "<div class=\"card\"><h3><a href=\"/other\">Fishing fleet returns early</a></h3>"
            + "<p>Boats came back two weeks early this season because of the storms that hit the"
            + " northern coast in October.</p></div>";
    String html =
        "<html><head><title>Ferry berth opens</title></head><body><div>"
            + "<h1>Ferry berth opens</h1>"
            + prose.repeat(4)
            + "<figure><img src=\"b.jpg\"><figcaption>The new berth seen from the quay on a calm"
            + " morning, photographed by the authority.</figcaption></figure>"
            + "<p>&lt;img height=\"1\" width=\"1\" src=\"https://pixel.example/p\"&gt;</p>"
            + "<p>Sign up for our harbour newsletter to get the ferry times in your inbox.</p>"
            + card
            + card.replace("Fishing fleet", "Lighthouse keeper")
            + "<h3>Related stories</h3><p>The old berth will become a small park with benches and"
            + " a view of the breakwater, the council said last spring.</p>"
            + "</div></body></html>";

    ExtractedArticle article = extractor.extract(html, URI.create("https://quay.example/ferry"));

    assertThat(article.paragraphs()).hasSize(4).allMatch(p -> p.startsWith("The harbour"));
  }
}
