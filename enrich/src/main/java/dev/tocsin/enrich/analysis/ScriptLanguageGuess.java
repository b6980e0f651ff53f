package dev.tocsin.enrich.analysis;

/** Guesses a text's language from its script, when the feed declares none. */
final class ScriptLanguageGuess {

  private ScriptLanguageGuess() {}

  static String guess(String text) {
    int cyrillic = 0;
    int hangul = 0;
    int kana = 0;
    int han = 0;
    int latin = 0;
    boolean ukrainian = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      Character.UnicodeScript script = Character.UnicodeScript.of(c);
      switch (script) {
        case CYRILLIC -> {
          cyrillic++;
          ukrainian |= "іїєґІЇЄҐ".indexOf(c) >= 0;
        }
        case HANGUL -> hangul++;
        case HIRAGANA, KATAKANA -> kana++;
        case HAN -> han++;
        case LATIN -> latin++;
        default -> {}
      }
    }
    int max = Math.max(Math.max(cyrillic, hangul), Math.max(Math.max(kana, han), latin));
    if (max == 0) {
      return null;
    }
    if (max == hangul) {
      return "ko";
    }
    if (max == cyrillic) {
      return ukrainian ? "uk" : "ru";
    }
    if (kana > 0) {
      return "ja";
    }
    if (max == han) {
      return "zh";
    }
    return "en";
  }
}
