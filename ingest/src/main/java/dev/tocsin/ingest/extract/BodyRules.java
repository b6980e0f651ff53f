package dev.tocsin.ingest.extract;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules that prune blocks from a chosen body or end it: which short blocks belong to the text,
 * calls to action, escaped markup, and the headings of what follows an article.
 */
final class BodyRules {

  /** Tags whose short text still reads as part of a body (subheadings, list items, quotes). */
  private static final Set<String> PROSE_TAGS =
      Set.of("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd");

  private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

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

  /** The most words an end heading has. */
  private static final int END_HEADING_WORDS = 6;

  private static final Pattern CALL_TO_ACTION =
      Pattern.compile(
          "\\b(?:sign up|subscribe|newsletter|click here|to your inbox)\\b",
          Pattern.CASE_INSENSITIVE);

  /** The most words a call to action has. */
  private static final int CALL_TO_ACTION_WORDS = 40;

  private BodyRules() {}

  /**
   * Returns true for a block that is never body text wherever it sits: the headline ({@code h1},
   * which is the title), escaped markup, and short calls to subscribe or click.
   */
  static boolean isNeverBody(TextBlock block) {
    return block.owner().normalName().equals("h1")
        || looksLikeMarkup(block.text())
        || isCallToAction(block);
  }

  /**
   * Returns true for a block the body keeps: prose, and unlinked short blocks in tags that read as
   * part of a text (subheadings, list items, quotes); never a link list.
   */
  static boolean isBodyText(TextBlock block) {
    return switch (block.kind()) {
      case CONTENT -> true;
      case SHORT ->
          block.linkWords() == 0
              && (PROSE_TAGS.contains(block.owner().normalName())
                  || HEADINGS.contains(block.owner().normalName()));
      default -> false;
    };
  }

  /** Returns true for a short heading that announces what follows the article ("Related"). */
  static boolean isEndHeading(TextBlock block) {
    return block.kind() == TextBlock.Kind.SHORT
        && block.words() <= END_HEADING_WORDS
        && END_HEADING.matcher(block.text().strip()).matches();
  }

  /** Returns true for a short call to subscribe or click, which sits in bodies but is not text. */
  private static boolean isCallToAction(TextBlock block) {
    return block.words() <= CALL_TO_ACTION_WORDS && CALL_TO_ACTION.matcher(block.text()).find();
  }

  /** Returns true for text that is escaped markup (a tracking pixel's tag shown as text). */
  private static boolean looksLikeMarkup(String text) {
    return text.startsWith("<") && text.endsWith(">");
  }
}
