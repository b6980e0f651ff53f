package dev.tocsin.ingest.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;

/**
 * Removes from a page what is never article text: comments, scripts, styles, forms' controls,
 * navigation, hidden elements, and elements whose class or id names boilerplate.
 */
final class BoilerplateStripper {

  /** Tags whose content is never article text. */
  private static final String NEVER_TEXT =
      "script, style, noscript, template, iframe, object, embed, svg, canvas, math, button, input,"
          + " select, textarea, option, label, nav, menu, dialog, audio, video, source, picture,"
          + " map, link, meta, figcaption, [hidden], [aria-hidden=true], [role=navigation], [role=dialog],"
          + " [role=complementary], [role=banner], [role=contentinfo]";

  private static final Pattern HIDDEN_STYLE =
      Pattern.compile("display\\s*:\\s*none|visibility\\s*:\\s*hidden", Pattern.CASE_INSENSITIVE);

  /** The share of the body's text above which a boilerplate-sounding element is kept. */
  private static final double WRAPPER_SHARE = 0.3;

  private BoilerplateStripper() {}

  /**
   * Strips {@code document} in place. Asides, footers and strongly negative names go whatever their
   * size; headers and weakly negative names go when they hold less than {@value #WRAPPER_SHARE} of
   * the body's text. Nothing that holds an article root ({@code article}, {@code main}, {@code
   * itemprop=articleBody}) is removed.
   */
  static void strip(Document document) {
    List<Node> comments = new ArrayList<>();
    NodeTraversor.traverse(
        (node, depth) -> {
          if (node instanceof Comment) {
            comments.add(node);
          }
        },
        document);
    comments.forEach(Node::remove);
    document.select(NEVER_TEXT).remove();
    for (Element element : document.select("[style]")) {
      if (HIDDEN_STYLE.matcher(element.attr("style")).find()) {
        element.remove();
      }
    }
    Element body = document.body();
    int bodyChars = body.text().length();
    List<Element> boilerplate = new ArrayList<>();
    for (Element element : body.getAllElements()) {
      if (element == body || isArticleRoot(element)) {
        continue;
      }
      String name = element.normalName();
      NameHint hint = NameHint.of(element);
      if (hint == NameHint.STRONG_NEGATIVE || name.equals("aside") || name.equals("footer")) {
        if (!containsArticleRoot(element)) {
          element.remove();
        }
      } else if (name.equals("header") || hint == NameHint.NEGATIVE) {
        boilerplate.add(element);
      }
    }
    for (Element element : boilerplate) {
      if (element.parent() == null) {
        continue;
      }
      // A large element with a boilerplate-sounding name is usually a page wrapper: keep it.
      if (element.text().length() < WRAPPER_SHARE * bodyChars && !containsArticleRoot(element)) {
        element.remove();
      }
    }
  }

  private static boolean isArticleRoot(Element element) {
    return element.normalName().equals("article")
        || element.normalName().equals("main")
        || element.attr("itemprop").equalsIgnoreCase("articleBody");
  }

  private static boolean containsArticleRoot(Element element) {
    return !element.select("article, main, [itemprop=articleBody]").isEmpty();
  }
}
