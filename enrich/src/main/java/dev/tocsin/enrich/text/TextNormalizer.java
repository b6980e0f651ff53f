package dev.tocsin.enrich.text;

import java.text.Normalizer;

/**
 * Folds text for matching while keeping every character at its offset: Unicode NFKC where it maps
 * one UTF-16 unit to one (full-width Latin, compatibility forms), lower case per unit
 * (locale-independent, like {@code Locale.ROOT}), typographic apostrophes and dashes unified, ё as
 * е.
 */
public final class TextNormalizer {

  // Every UTF-16 unit's folded form, computed once: folding is then a table lookup.
  private static final char[] FOLDED = new char[Character.MAX_VALUE + 1];

  /** A {@link #charClass} bit: the unit can be part of a word ({@link #isWordChar}). */
  public static final int WORD = 1;

  /** A {@link #charClass} bit: the unit is of the Han script. */
  public static final int HAN = 2;

  /** A {@link #charClass} bit: the unit is of the Hangul script. */
  public static final int HANGUL = 4;

  // A class bit: the unit is a letter or a number of any kind ({@link #isLetterOrNumber}).
  private static final int LETTER_OR_NUMBER = 8;

  // Every UTF-16 unit's class as far as word boundaries care.
  private static final byte[] CLASSES = new byte[Character.MAX_VALUE + 1];

  static {
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      FOLDED[c] = compute((char) c);
      Character.UnicodeScript script = Character.UnicodeScript.of(c);
      CLASSES[c] =
          (byte)
              ((Character.isLetterOrDigit(c) ? WORD : 0)
                  | (script == Character.UnicodeScript.HAN ? HAN : 0)
                  | (script == Character.UnicodeScript.HANGUL ? HANGUL : 0)
                  | (letterOrNumber(c) ? LETTER_OR_NUMBER : 0));
    }
  }

  private TextNormalizer() {}

  /** Returns the folded text, exactly as long as {@code text}. */
  public static String fold(String text) {
    // Composed forms first, so that "й" written as "и" + U+0306 matches; offsets then refer to
    // the NFC text, which is what feeds deliver in practice.
    char[] out = new char[text.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = foldChar(text.charAt(i));
    }
    return new String(out);
  }

  /** Returns the folded form of one character. */
  public static char foldChar(char c) {
    return FOLDED[c];
  }

  private static char compute(char c) {
    char k = c;
    if (c >= 0x80 && !Character.isSurrogate(c)) {
      String nfkc = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC);
      if (nfkc.length() == 1) {
        k = nfkc.charAt(0);
      }
    }
    char lower = Character.toLowerCase(k);
    return switch (lower) {
      case 'ё' -> 'е';
      case '\u2019', '\u2018', '\u02bc' -> '\'';
      case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212' -> '-';
      case '\u00a0', '\u202f', '\u2009' -> ' ';
      case '\u00b7', '\u30fb', '\u2027' -> '·';
      default -> lower;
    };
  }

  /** Returns {@code text} in Unicode NFC, the form analysis offsets refer to. */
  public static String composed(String text) {
    if (text == null || Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
      return text;
    }
    return Normalizer.normalize(text, Normalizer.Form.NFC);
  }

  /**
   * Returns true when a word may start between {@code before} and {@code c} although both are
   * letters: Korean headlines write 北, 美, 中 or 露 for the states, glued to the next word ("北노동자들"),
   * so a change from Han ideographs to Hangul starts a word.
   */
  public static boolean isScriptChange(char before, char c) {
    return (CLASSES[before] & HAN) != 0 && (CLASSES[c] & HANGUL) != 0;
  }

  /**
   * Returns true when a word starts at a unit of class {@code c} after one of class {@code before}
   * ({@link #charClass}): after a unit that is not part of a word, or on a change of script ({@link
   * #isScriptChange}).
   */
  public static boolean startsWord(int before, int c) {
    return (before & WORD) == 0 || ((before & HAN) != 0 && (c & HANGUL) != 0);
  }

  /** Returns the unit's class: {@link #WORD}, {@link #HAN} and {@link #HANGUL} bits. */
  public static int charClass(char c) {
    return CLASSES[c];
  }

  /** Returns true when {@code c} can be part of a word. */
  public static boolean isWordChar(char c) {
    return (CLASSES[c] & WORD) != 0;
  }

  /**
   * Returns true when {@code codePoint} is a letter or a number of any kind (Unicode classes L and
   * N): what makes up a word for the MinHash shingles.
   */
  public static boolean isLetterOrNumber(int codePoint) {
    return codePoint <= Character.MAX_VALUE
        ? (CLASSES[codePoint] & LETTER_OR_NUMBER) != 0
        : letterOrNumber(codePoint);
  }

  private static boolean letterOrNumber(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER ->
          true;
      default -> false;
    };
  }
}
