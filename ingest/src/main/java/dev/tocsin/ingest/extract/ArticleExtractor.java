package dev.tocsin.ingest.extract;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Finds the main text of an article page: the headline and the body without navigation, teasers,
 * share bars, comments and other boilerplate.
 *
 * <p>The method, in three steps:
 *
 * <ol>
 *   <li><b>Strip</b> what is never article text: scripts, styles, forms' controls, navigation,
 *       hidden elements, and small elements whose class or id names boilerplate (share, related,
 *       newsletter, comments...).
 *   <li><b>Segment</b> the rest into text blocks: maximal runs of inline text between block-level
 *       tags. Each block is classified by its length and link density as <i>content</i> (prose),
 *       <i>short</i> (headings, captions, bylines) or <i>boilerplate</i> (link lists).
 *   <li><b>Choose</b> the element whose subtree holds the most content words net of the boilerplate
 *       words it would drag in, nudged by class/id hints and schema.org {@code articleBody} markup;
 *       its content blocks, and the short blocks among them that read like subheadings or
 *       sentences, make the body, less the teaser cards inside it (a linked headline with a blurb),
 *       short calls to subscribe, and whatever follows a heading such as "Related stories".
 * </ol>
 *
 * <p>Pages that carry a schema.org {@code articleBody} in JSON-LD and whose DOM yields noticeably
 * less text use that instead. The extractor is stateless and safe to share between threads.
 */
public final class ArticleExtractor {

  /** Tags whose content is never article text. */
  private static final String NEVER_TEXT =
      "script, style, noscript, template, iframe, object, embed, svg, canvas, math, button, input,"
          + " select, textarea, option, label, nav, menu, dialog, audio, video, source, picture,"
          + " map, link, meta, figcaption, [hidden], [aria-hidden=true], [role=navigation], [role=dialog],"
          + " [role=complementary], [role=banner], [role=contentinfo]";

  /** Tags that do not start a new block of text. */
  private static final Set<String> INLINE =
      Set.of(
          "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn",
          "em", "font", "i", "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span",
          "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "nobr");

  private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

  /** Tags whose short text still reads as part of a body (subheadings, list items, quotes). */
  private static final Set<String> PROSE_TAGS =
      Set.of("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd");

  /**
   * Class or id words that always mark boilerplate, however large the element; matched against
   * whole dash/underscore parts.
   */
  private static final Pattern STRONG_NEGATIVE_HINT =
      Pattern.compile(
          "(?:^|[-_ ])(?:comments?|commentary|disqus|share|sharing|social|sociable|related|"
              + "recommended|recommendations|more-stories|promo|promotion|newsletter|signup|"
              + "outbrain|taboola|cookie|cookies|consent|popup|modal|advert|advertisement|"
              + "sponsor|sponsored)(?=$|[-_ ])",
          Pattern.CASE_INSENSITIVE);

  /** Class or id words that mark boilerplate unless the element is a large part of the page. */
  private static final Pattern NEGATIVE_HINT =
      Pattern.compile(
          "(?:^|[-_ ])(?:sidebar|side|rail|aside|footer|foot|nav|navbar|navigation|menu|"
              + "breadcrumbs?|ads?|adslot|subscribe|subscription|overlay|masthead|widget|"
              + "tags|tag-list|toolbar|tools|print|byline|author-bio|bio|caption|credit|"
              + "most-popular|popular|trending|teaser|banner|skip|hidden|visually-hidden|sr-only|"
              + "login|signin|pagination|pager|jump|read-more|readmore|next-article)(?=$|[-_ ])",
          Pattern.CASE_INSENSITIVE);

  /** Class or id words that mark the article body. */
  private static final Pattern POSITIVE_HINT =
      Pattern.compile(
          "(?:^|[-_ ])(?:article|articlebody|article-body|story|story-body|storybody|body|"
              + "content|entry|entry-content|post|post-content|text|main|blog|news|prose|"
              + "article-text|story-text|richtext|rich-text)(?=$|[-_ ])",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern CAMEL_BOUNDARY = Pattern.compile("(?<=[a-z])(?=[A-Z])");
  private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern SPACES =
      Pattern.compile("[\\s\\p{Z}\\u00AD\\u200B\\uFEFF]+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern HIDDEN_STYLE =
      Pattern.compile("display\\s*:\\s*none|visibility\\s*:\\s*hidden", Pattern.CASE_INSENSITIVE);
  private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|\\-–—:·»]\\s+");
  private static final Pattern ESCAPED_TAG =
      Pattern.compile("</?(?:p|div|a|img|span|h[1-6]|br|iframe|em|strong|ul|li)\\b[^>]*>");
  private static final Pattern ESCAPED_ENTITY =
      Pattern.compile("&(?:quot|amp|lt|gt|apos|nbsp|#\\d{2,5}|#x[0-9a-fA-F]{2,4});");
  private static final Pattern JSON_ARTICLE_BODY = Pattern.compile("\"articleBody\"\\s*:\\s*\"");

  /** Blocks with at least this many words are prose when their links are few. */
  private static final int CONTENT_WORDS = 12;

  /** Blocks whose linked share of words exceeds this are link lists. */
  private static final double LINK_LIST_DENSITY = 0.5;

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
    String title = title(document);
    String jsonLdBody = jsonLdArticleBody(document);
    strip(document);
    List<String> paragraphs = bodyParagraphs(document.body());
    if (jsonLdBody != null && words(jsonLdBody) > 1.3 * words(String.join(" ", paragraphs))) {
      List<String> fromJson = new ArrayList<>();
      for (String part : jsonLdBody.split("\\n\\s*\\n|\\r\\n\\s*\\r\\n")) {
        String clean = collapse(Jsoup.parseBodyFragment(part).text());
        if (ESCAPED_TAG.matcher(clean).find() || ESCAPED_ENTITY.matcher(clean).find()) {
          // The body was HTML escaped once more inside the JSON: its text is still markup.
          clean = collapse(Jsoup.parseBodyFragment(clean).text());
        }
        if (!clean.isEmpty()) {
          fromJson.add(clean);
        }
      }
      return new ExtractedArticle(title, String.join("\n\n", fromJson), fromJson, "json-ld");
    }
    return new ExtractedArticle(
        title, String.join("\n\n", paragraphs), paragraphs, paragraphs.isEmpty() ? "none" : "dom");
  }

  // ---- title

  private static String title(Document document) {
    String meta = meta(document, "meta[property=og:title], meta[name=twitter:title]");
    String documentTitle = collapse(document.title());
    String best = null;
    for (Element h1 : document.select("h1")) {
      String text = collapse(h1.text());
      if (!text.isEmpty()
          && (documentTitle.contains(text) || (meta != null && meta.contains(text)))
          && (best == null || text.length() > best.length())) {
        best = text;
      }
    }
    if (best != null) {
      return best;
    }
    String site = meta(document, "meta[property=og:site_name], meta[name=application-name]");
    if (meta != null) {
      return withoutSite(meta, site);
    }
    return withoutSite(withoutSiteName(documentTitle), site);
  }

  /** Returns {@code title} without a trailing or leading " - Site" naming {@code site}. */
  private static String withoutSite(String title, String site) {
    if (site == null || site.equals(title)) {
      return title;
    }
    Matcher separator = TITLE_SEPARATOR.matcher(title);
    while (separator.find()) {
      String before = title.substring(0, separator.start()).strip();
      String after = title.substring(separator.end()).strip();
      if (after.equalsIgnoreCase(site)) {
        return before;
      }
      if (before.equalsIgnoreCase(site)) {
        return after;
      }
    }
    return title;
  }

  private static String meta(Document document, String query) {
    for (Element element : document.select(query)) {
      String content = collapse(element.attr("content"));
      if (!content.isEmpty()) {
        return content;
      }
    }
    return null;
  }

  /** Returns the longest part of a "Headline | Site" style title. */
  private static String withoutSiteName(String title) {
    String best = "";
    for (String part : TITLE_SEPARATOR.split(title)) {
      if (part.length() > best.length()) {
        best = part;
      }
    }
    return words(best) >= 3 ? best.strip() : title;
  }

  // ---- JSON-LD

  private static String jsonLdArticleBody(Document document) {
    for (Element script : document.select("script[type=application/ld+json]")) {
      String json = script.data();
      Matcher matcher = JSON_ARTICLE_BODY.matcher(json);
      if (matcher.find()) {
        String body = jsonString(json, matcher.end());
        if (body != null && words(body) >= 50) {
          return body;
        }
      }
    }
    return null;
  }

  /** Decodes the JSON string literal starting after its opening quote at {@code start}. */
  private static String jsonString(String json, int start) {
    StringBuilder out = new StringBuilder();
    for (int i = start; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i >= json.length()) {
        return null;
      }
      char escaped = json.charAt(i);
      switch (escaped) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'b', 'f' -> out.append(' ');
        case 'u' -> {
          if (i + 4 >= json.length()) {
            return null;
          }
          try {
            out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
          } catch (NumberFormatException e) {
            return null;
          }
          i += 4;
        }
        default -> out.append(escaped);
      }
    }
    return null;
  }

  // ---- step 1: strip

  private static void strip(Document document) {
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
      int hint = hint(element);
      if (hint == STRONG_NEGATIVE || name.equals("aside") || name.equals("footer")) {
        if (!containsArticleRoot(element)) {
          element.remove();
        }
      } else if (name.equals("header") || hint < 0) {
        boilerplate.add(element);
      }
    }
    for (Element element : boilerplate) {
      if (element.parent() == null) {
        continue;
      }
      // A large element with a boilerplate-sounding name is usually a page wrapper: keep it.
      if (element.text().length() < 0.3 * bodyChars && !containsArticleRoot(element)) {
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

  private static final int STRONG_NEGATIVE = -2;

  /**
   * Returns +1 for a body-like class or id, -1 for a boilerplate-like one, {@link #STRONG_NEGATIVE}
   * for one that is boilerplate whatever its size, else 0.
   */
  private static int hint(Element element) {
    String names = element.className() + " " + element.id();
    if (names.isBlank()) {
      return 0;
    }
    boolean strong = false;
    boolean negative = false;
    boolean positive = false;
    for (String token : SPACES.split(names.strip())) {
      String spaced = CAMEL_BOUNDARY.matcher(token).replaceAll("-").toLowerCase(Locale.ROOT);
      if (STRONG_NEGATIVE_HINT.matcher(spaced).find()) {
        strong = true;
      } else if (NEGATIVE_HINT.matcher(spaced).find()) {
        negative = true;
      } else if (POSITIVE_HINT.matcher(spaced).find()) {
        positive = true;
      }
    }
    if (positive) {
      return strong || negative ? 0 : 1;
    }
    return strong ? STRONG_NEGATIVE : negative ? -1 : 0;
  }

  // ---- step 2: segment

  private enum Kind {
    CONTENT,
    SHORT,
    LINKS
  }

  private record Block(Element owner, String text, int words, int linkWords, Kind kind) {}

  /** Collects the text blocks of a subtree, each owned by its nearest block-level element. */
  private static final class Segmenter implements NodeVisitor {
    private final List<Block> blocks = new ArrayList<>();
    private final Deque<Element> owners = new ArrayDeque<>();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder linkText = new StringBuilder();
    private int linkDepth;

    Segmenter(Element root) {
      owners.push(root);
    }

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode textNode) {
        String chunk = textNode.getWholeText();
        text.append(chunk);
        if (linkDepth > 0) {
          linkText.append(' ').append(chunk);
        }
      } else if (node instanceof Element element) {
        String name = element.normalName();
        if (name.equals("br")) {
          text.append(' ');
        } else if (name.equals("a")) {
          linkDepth++;
        } else if (!INLINE.contains(name)) {
          flush();
          owners.push(element);
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element element) {
        String name = element.normalName();
        if (name.equals("a")) {
          linkDepth--;
        } else if (!name.equals("br") && !INLINE.contains(name) && owners.size() > 1) {
          flush();
          owners.pop();
        }
      }
    }

    private void flush() {
      String clean = collapse(text.toString());
      text.setLength(0);
      int links = words(linkText.toString());
      linkText.setLength(0);
      if (clean.isEmpty()) {
        return;
      }
      int words = words(clean);
      if (words == 0) {
        return;
      }
      Element owner = owners.peek();
      double linkDensity = (double) links / words;
      Kind kind;
      if (linkDensity > LINK_LIST_DENSITY) {
        kind = Kind.LINKS;
      } else if (words >= CONTENT_WORDS || (words >= 6 && endsSentence(clean))) {
        kind = Kind.CONTENT;
      } else {
        kind = Kind.SHORT;
      }
      blocks.add(new Block(owner, clean, words, Math.min(links, words), kind));
    }
  }

  private static boolean endsSentence(String text) {
    char last = text.charAt(text.length() - 1);
    return last == '.' || last == '!' || last == '?' || last == '"' || last == '”' || last == '»';
  }

  // ---- step 3: choose

  private static List<String> bodyParagraphs(Element body) {
    if (body == null) {
      return List.of();
    }
    Segmenter segmenter = new Segmenter(body);
    NodeTraversor.traverse(segmenter, body);
    segmenter.flush();
    List<Block> blocks = segmenter.blocks;
    Map<Element, double[]> tallies = new IdentityHashMap<>();
    for (Block block : blocks) {
      double good = 0;
      double bad;
      switch (block.kind) {
        case CONTENT -> {
          good = block.words - block.linkWords;
          bad = block.linkWords;
        }
        case SHORT -> bad = 0.3 * block.words + block.linkWords;
        default -> bad = block.words;
      }
      for (Element e = block.owner; e != null; e = e.parent()) {
        double[] tally = tallies.computeIfAbsent(e, k -> new double[2]);
        tally[0] += good;
        tally[1] += bad;
        if (e == body) {
          break;
        }
      }
    }
    Element best = null;
    double bestScore = 0;
    for (Map.Entry<Element, double[]> entry : tallies.entrySet()) {
      Element element = entry.getKey();
      double[] tally = entry.getValue();
      double score = tally[0] - tally[1];
      if (score <= 0) {
        continue;
      }
      if (element.attr("itemprop").equalsIgnoreCase("articleBody")) {
        score *= 1.5;
      } else {
        int hint = hint(element);
        if (hint > 0) {
          score *= 1.15;
        } else if (hint < 0) {
          score *= 0.7;
        }
      }
      if (score > bestScore
          || (score == bestScore && best != null && element.parents().contains(best))) {
        best = element;
        bestScore = score;
      }
    }
    if (best == null) {
      return List.of();
    }
    Set<Element> cards = teaserCards(blocks, best, body);
    List<Block> kept = new ArrayList<>();
    List<String> paragraphs = new ArrayList<>();
    for (Block block : blocks) {
      // The headline is the title, not part of the body.
      if (!within(block.owner, best, body) || block.owner.normalName().equals("h1")) {
        continue;
      }
      if (inCard(block.owner, cards, best)
          || looksLikeMarkup(block.text)
          || isCallToAction(block)) {
        continue;
      }
      boolean keep =
          switch (block.kind) {
            case CONTENT -> true;
            case SHORT ->
                block.linkWords == 0
                    && (PROSE_TAGS.contains(block.owner.normalName())
                        || HEADINGS.contains(block.owner.normalName()));
            default -> false;
          };
      if (keep) {
        kept.add(block);
      }
    }
    boolean prose = false;
    for (Block block : kept) {
      // A heading that announces what follows the article ("Related", "Read also") ends it.
      if (prose && block.kind == Kind.SHORT && block.words <= 6 && isEndHeading(block.text)) {
        break;
      }
      prose |= block.kind == Kind.CONTENT;
      paragraphs.add(block.text);
    }
    return paragraphs;
  }

  /** The most words a teaser card (a linked headline and its blurb) holds. */
  private static final int CARD_WORDS = 90;

  /**
   * Returns the teaser cards inside {@code best}: small elements below it that hold a headline made
   * entirely of a link and a blurb, the shape of "more stories" lists that sit beside an article.
   * An article's own paragraphs do not come with a linked headline of their own.
   */
  private static Set<Element> teaserCards(List<Block> blocks, Element best, Element body) {
    Map<Element, int[]> words = new IdentityHashMap<>();
    Set<Element> linkedHeadlines = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Block block : blocks) {
      if (!within(block.owner, best, body)) {
        continue;
      }
      boolean linkedHeadline = block.words >= 2 && block.linkWords >= block.words;
      for (Element e = block.owner; e != null && e != best; e = e.parent()) {
        words.computeIfAbsent(e, k -> new int[1])[0] += block.words;
        if (linkedHeadline) {
          linkedHeadlines.add(e);
        }
      }
    }
    Set<Element> cards = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Element e : linkedHeadlines) {
      int total = words.get(e)[0];
      if (total <= CARD_WORDS && hasBlurb(e, blocks)) {
        cards.add(e);
      }
    }
    return cards;
  }

  /** Returns true when a content block sits inside {@code card} beside its linked headline. */
  private static boolean hasBlurb(Element card, List<Block> blocks) {
    for (Block block : blocks) {
      if (block.kind == Kind.CONTENT
          && block.linkWords < block.words
          && block.owner != card
          && within(block.owner, card, card.ownerDocument())) {
        return true;
      }
    }
    return false;
  }

  private static boolean inCard(Element element, Set<Element> cards, Element best) {
    for (Element e = element; e != null && e != best; e = e.parent()) {
      if (cards.contains(e)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Headings, in the languages of the pages Tocsin reads, of the sections that follow an article:
   * related and recommended stories, comments, the author's box. "Read also" boxes are left out:
   * they often sit inside the article, with its text going on after them.
   */
  private static final Pattern END_HEADING =
      Pattern.compile(
          "^(?:related(?: (?:stories|articles|news|posts|coverage|content))?|"
              + "more (?:from|in|on|stories|news|articles)\\b.*|you (?:may|might) (?:also )?like|"
              + "recommended(?: for you)?|trending(?: now| news)?|"
              + "most (?:read|popular|viewed)|see also|comments?|\\d+ comments?|leave a (?:reply|comment)|"
              + "about the author|você (?:pode|também pode) gostar|mais lidas|mehr zum thema|"
              + "sur le même sujet|te puede interesar|похожие (?:статьи|новости))\\W*$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private static boolean isEndHeading(String text) {
    return END_HEADING.matcher(text.strip()).matches();
  }

  private static final Pattern CALL_TO_ACTION =
      Pattern.compile(
          "\\b(?:sign up|subscribe|newsletter|click here|to your inbox)\\b",
          Pattern.CASE_INSENSITIVE);

  /** Returns true for a short call to subscribe or click, which sits in bodies but is not text. */
  private static boolean isCallToAction(Block block) {
    return block.words <= 40 && CALL_TO_ACTION.matcher(block.text).find();
  }

  /** Returns true for text that is escaped markup (a tracking pixel's tag shown as text). */
  private static boolean looksLikeMarkup(String text) {
    return text.startsWith("<") && text.endsWith(">");
  }

  private static boolean within(Element element, Element ancestor, Element stop) {
    for (Element e = element; e != null; e = e.parent()) {
      if (e == ancestor) {
        return true;
      }
      if (e == stop) {
        return false;
      }
    }
    return false;
  }

  // ---- text

  private static String collapse(String text) {
    return SPACES.matcher(text).replaceAll(" ").strip();
  }

  private static int words(String text) {
    Matcher matcher = WORD.matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
