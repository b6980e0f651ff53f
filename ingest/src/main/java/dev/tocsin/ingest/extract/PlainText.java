package dev.tocsin.ingest.extract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Measures and tidies extracted text: whitespace collapsing and word counts. */
final class PlainText {

  /** Runs of whitespace, including the invisible ones pages use (soft hyphen, zero width). */
  static final Pattern SPACES =
      Pattern.compile("[\\s\\p{Z}\\u00AD\\u200B\\uFEFF]+", Pattern.UNICODE_CHARACTER_CLASS);

  private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

  private PlainText() {}

  /** Returns {@code text} with every run of whitespace made one space, stripped at both ends. */
  static String collapse(String text) {
    return SPACES.matcher(text).replaceAll(" ").strip();
  }

  /** Returns the number of words (runs of letters, digits and underscores) in {@code text}. */
  static int words(String text) {
    Matcher matcher = WORD.matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
