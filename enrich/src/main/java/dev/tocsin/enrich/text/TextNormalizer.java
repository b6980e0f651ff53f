package dev.tocsin.enrich.text;

/**
 * Folds text for matching while keeping every character at its offset: lower case per UTF-16 unit
 * (locale-independent), typographic apostrophes and dashes unified, ё as е.
 */
public final class TextNormalizer {

  private TextNormalizer() {}

  /** Returns the folded text, exactly as long as {@code text}. */
  public static String fold(String text) {
    char[] out = new char[text.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = foldChar(text.charAt(i));
    }
    return new String(out);
  }

  /** Returns the folded form of one character. */
  public static char foldChar(char c) {
    char lower = Character.toLowerCase(c);
    return switch (lower) {
      case 'ё' -> 'е';
      case '\u2019', '\u2018', '\u02bc' -> '\'';
      case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014' -> '-';
      case '\u00a0' -> ' ';
      default -> lower;
    };
  }

  /** Returns true when {@code c} can be part of a word. */
  public static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c);
  }
}
