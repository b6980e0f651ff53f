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
    if (text == null || text.codePoints().noneMatch(Character::isLetter)) {
      return Optional.empty();
    }
    // The opening is enough to tell the language, and detection time grows with the text.
    String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
    Language language = detector.detectLanguageOf(sample);
    if (language == Language.UNKNOWN) {
      return Optional.empty();
    }
    return Optional.of(language.getIsoCode639_1().name().toLowerCase(Locale.ROOT));
  }
}
