package dev.tocsin.ingest.extract;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/** What an element's class and id names say about it: article body, boilerplate or nothing. */
enum NameHint {
  /** A name that marks boilerplate however large the element (share, related, comments...). */
  STRONG_NEGATIVE,
  /** A name that marks boilerplate unless the element is a large part of the page. */
  NEGATIVE,
  /** No name, or names that say nothing or contradict each other. */
  NEUTRAL,
  /** A name that marks the article body. */
  POSITIVE;

  /** Class or id words of {@link #STRONG_NEGATIVE}; matched against whole dash/underscore parts. */
  private static final Pattern STRONG_NEGATIVE_WORDS =
      Pattern.compile(
          "(?:^|[-_ ])(?:comments?|commentary|disqus|share|sharing|social|sociable|related|"
              + "recommended|recommendations|more-stories|promo|promotion|newsletter|signup|"
              + "outbrain|taboola|cookie|cookies|consent|popup|modal|advert|advertisement|"
              + "sponsor|sponsored)(?=$|[-_ ])",
          Pattern.CASE_INSENSITIVE);

  /** Class or id words of {@link #NEGATIVE}. */
  private static final Pattern NEGATIVE_WORDS =
      Pattern.compile(
          "(?:^|[-_ ])(?:sidebar|side|rail|aside|footer|foot|nav|navbar|navigation|menu|"
              + "breadcrumbs?|ads?|adslot|subscribe|subscription|overlay|masthead|widget|"
              + "tags|tag-list|toolbar|tools|print|byline|author-bio|bio|caption|credit|"
              + "most-popular|popular|trending|teaser|banner|skip|hidden|visually-hidden|sr-only|"
              + "login|signin|pagination|pager|jump|read-more|readmore|next-article)(?=$|[-_ ])",
          Pattern.CASE_INSENSITIVE);

  /** Class or id words of {@link #POSITIVE}. */
  private static final Pattern POSITIVE_WORDS =
      Pattern.compile(
          "(?:^|[-_ ])(?:article|articlebody|article-body|story|story-body|storybody|body|"
              + "content|entry|entry-content|post|post-content|text|main|blog|news|prose|"
              + "article-text|story-text|richtext|rich-text)(?=$|[-_ ])",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern CAMEL_BOUNDARY = Pattern.compile("(?<=[a-z])(?=[A-Z])");

  /** Returns true for {@link #STRONG_NEGATIVE} and {@link #NEGATIVE}. */
  boolean isNegative() {
    return this == STRONG_NEGATIVE || this == NEGATIVE;
  }

  /**
   * Returns the hint of {@code element}'s class and id names; camelCase names are split as if
   * dashed. A positive name next to a negative one makes the element {@link #NEUTRAL}.
   */
  static NameHint of(Element element) {
    String names = element.className() + " " + element.id();
    if (names.isBlank()) {
      return NEUTRAL;
    }
    boolean strong = false;
    boolean negative = false;
    boolean positive = false;
    for (String token : PlainText.SPACES.split(names.strip())) {
      String spaced = CAMEL_BOUNDARY.matcher(token).replaceAll("-").toLowerCase(Locale.ROOT);
      if (STRONG_NEGATIVE_WORDS.matcher(spaced).find()) {
        strong = true;
      } else if (NEGATIVE_WORDS.matcher(spaced).find()) {
        negative = true;
      } else if (POSITIVE_WORDS.matcher(spaced).find()) {
        positive = true;
      }
    }
    if (positive) {
      return strong || negative ? NEUTRAL : POSITIVE;
    }
    return strong ? STRONG_NEGATIVE : negative ? NEGATIVE : NEUTRAL;
  }
}
