package dev.tocsin.enrich.language;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Locale;
import java.util.Optional;

/**
 * Identifies the language of a story's text with Lingua, limited to the languages the watch reads
 * (en, ru, ko, uk, ja, zh, de, fr), so that only their models load.
 */
public final class LanguageIdentifier {

  private static final Language[] LANGUAGES = {
    Language.ENGLISH,
    Language.RUSSIAN,
    Language.KOREAN,
    Language.UKRAINIAN,
    Language.JAPANESE,
    Language.CHINESE,
    Language.GERMAN,
    Language.FRENCH
  };

  private static final int SAMPLE_CHARS = 200;

  // Lingua's detector is thread-safe and its models are large: one per JVM.
  private static final LanguageIdentifier SHARED = new LanguageIdentifier();

  private final LanguageDetector detector;

  private LanguageIdentifier() {
    // Low-accuracy mode loads only the trigram models: a tenth of the start-up time and memory,
    // and on a headline plus lede it is as right as the full models (see enrich/README.md).
    detector = LanguageDetectorBuilder.fromLanguages(LANGUAGES).withLowAccuracyMode().build();
  }

  /** Returns the shared identifier. */
  public static LanguageIdentifier shared() {
    return SHARED;
  }

  /** Returns the ISO 639-1 code of the language of {@code text}, if it is one of ours. */
  public Optional<String> identify(String text) {
    return identify(text, null);
  }

  /**
   * Returns the ISO 639-1 code of the language of {@code text}, if it is one of ours, given the
   * language its feed or item declares (may be null). A declaration is trusted when the text's
   * letters are in the declared language's script (a site-wide "en" on a Russian text is not);
   * Hangul is Korean whatever is declared. Lingua decides the rest: it costs more than the rest of
   * the analysis together.
   */
  public Optional<String> identify(String text, String declared) {
    if (text == null) {
      return Optional.empty();
    }
    String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
    Script script = Script.ofText(sample);
    if (script == Script.NONE) {
      return Optional.empty();
    }
    if (script == Script.HANGUL) {
      return Optional.of("ko");
    }
    String language = declared == null ? null : primary(declared);
    if (language != null && Script.of(language) == script) {
      return Optional.of(language);
    }
    // The opening is enough to tell the language, and detection time grows with the text.
    Language detected = detector.detectLanguageOf(sample);
    if (detected == Language.UNKNOWN) {
      return Optional.empty();
    }
    return Optional.of(detected.getIsoCode639_1().name().toLowerCase(Locale.ROOT));
  }

  // "en-US", "ru_RU", "KO" -> "en", "ru", "ko".
  private static String primary(String tag) {
    String code = tag.trim().toLowerCase(Locale.ROOT);
    int cut = code.indexOf('-') >= 0 ? code.indexOf('-') : code.indexOf('_');
    return cut > 0 ? code.substring(0, cut) : code;
  }

  /**
   * The writing system most of a text's letters are in, and the one each language is written in.
   */
  enum Script {
    NONE,
    MIXED,
    LATIN,
    CYRILLIC,
    HANGUL,
    CJK;

    static Script of(String languageCode) {
      return switch (languageCode) {
        case "en", "de", "fr" -> LATIN;
        case "ru", "uk" -> CYRILLIC;
        case "ko" -> HANGUL;
        case "ja", "zh" -> CJK;
        default -> NONE;
      };
    }

    // The script of most letters, if it holds at least two thirds of them (names in another
    // script are common: "Ким Чен Ын (Kim Jong Un)").
    static Script ofText(CharSequence text) {
      int[] counts = new int[values().length];
      int letters = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (!Character.isLetter(c)) {
          continue;
        }
        letters++;
        counts[scriptOf(c).ordinal()]++;
      }
      if (letters == 0) {
        return NONE;
      }
      for (Script s : values()) {
        if (s != NONE && s != MIXED && counts[s.ordinal()] * 3 >= letters * 2) {
          return s;
        }
      }
      return MIXED;
    }

    private static Script scriptOf(char c) {
      Character.UnicodeScript script = Character.UnicodeScript.of(c);
      return switch (script) {
        case LATIN -> LATIN;
        case CYRILLIC -> CYRILLIC;
        case HANGUL -> HANGUL;
        case HAN, HIRAGANA, KATAKANA -> CJK;
        default -> MIXED;
      };
    }
  }
}
