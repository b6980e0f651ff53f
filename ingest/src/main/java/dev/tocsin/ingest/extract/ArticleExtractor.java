package dev.tocsin.ingest.extract;

import static dev.tocsin.ingest.extract.PlainText.words;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds the main text of an article page: the headline and the body without navigation, teasers,
 * share bars, comments and other boilerplate.
 *
 * <p>The method, in three steps:
 *
 * <ol>
 *   <li><b>Strip</b> what is never article text: scripts, styles, forms' controls, navigation,
 *       hidden elements, and small elements whose class or id names boilerplate (share, related,
 *       newsletter, comments...). See {@link BoilerplateStripper}.
 *   <li><b>Segment</b> the rest into text blocks: maximal runs of inline text between block-level
 *       tags. Each block is classified by its length and link density as <i>content</i> (prose),
 *       <i>short</i> (headings, captions, bylines) or <i>boilerplate</i> (link lists). See {@link
 *       BlockSegmenter}.
 *   <li><b>Choose</b> the element whose subtree holds the most content words net of the boilerplate
 *       words it would drag in, nudged by class/id hints and schema.org {@code articleBody} markup
 *       ({@link CandidateScorer}); its content blocks, and the short blocks among them that read
 *       like subheadings or sentences, make the body, less the teaser cards inside it (a linked
 *       headline with a blurb), short calls to subscribe, and whatever follows a heading such as
 *       "Related stories" ({@link BodyAssembler}).
 * </ol>
 *
 * <p>Pages that carry a schema.org {@code articleBody} in JSON-LD and whose DOM yields noticeably
 * less text use that instead. The extractor is stateless and safe to share between threads.
 */
public final class ArticleExtractor {

  /** How many times the DOM body's words the JSON-LD body must exceed to be preferred. */
  private static final double JSON_LD_MARGIN = 1.3;

  /** Creates an extractor. */
  public ArticleExtractor() {}

  /**
   * Extracts the article from the HTML of a page.
   *
   * @param html the page's HTML
   * @param baseUri the page's URL, for resolving relative links; may be null
   * @return the headline and body; the body is empty when the page has no article-like text
   */
  public ExtractedArticle extract(String html, URI baseUri) {
    Objects.requireNonNull(html, "html");
    Document document = Jsoup.parse(html, baseUri == null ? "" : baseUri.toString());
    return extract(document);
  }

  /** Extracts the article from a parsed page; the document is modified (boilerplate removed). */
  public ExtractedArticle extract(Document document) {
    Objects.requireNonNull(document, "document");
    String title = Headline.find(document);
    String jsonLdBody = JsonLdBody.find(document);
    BoilerplateStripper.strip(document);
    List<String> paragraphs = bodyParagraphs(document.body());
    if (jsonLdBody != null
        && words(jsonLdBody) > JSON_LD_MARGIN * words(String.join(" ", paragraphs))) {
      List<String> fromJson = JsonLdBody.paragraphs(jsonLdBody);
      return new ExtractedArticle(title, String.join("\n\n", fromJson), fromJson, "json-ld");
    }
    return new ExtractedArticle(
        title, String.join("\n\n", paragraphs), paragraphs, paragraphs.isEmpty() ? "none" : "dom");
  }

  private static List<String> bodyParagraphs(Element body) {
    if (body == null) {
      return List.of();
    }
    List<TextBlock> blocks = BlockSegmenter.segment(body);
    Element best = CandidateScorer.best(blocks, body);
    if (best == null) {
      return List.of();
    }
    return BodyAssembler.paragraphs(blocks, best, body);
  }
}
