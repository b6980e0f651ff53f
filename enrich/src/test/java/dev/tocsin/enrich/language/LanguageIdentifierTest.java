package dev.tocsin.enrich.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageIdentifierTest {

  private final LanguageIdentifier languages = LanguageIdentifier.shared();

  private static final String ENGLISH =
      "North Korean troops have been deployed to Russia's Kursk region";
  private static final String RUSSIAN =
      "Северокорейские военные переброшены в Курскую область России";
  private static final String UKRAINIAN =
      "Північнокорейські військові перекинуті до Курської області Росії";
  private static final String KOREAN = "북한군, 러시아 쿠르스크 지역에 배치돼";

  @Test
  void shouldTrustTheDeclaredLanguageWhenTheTextIsInItsScript() {
    assertThat(languages.identify(ENGLISH, "en-US")).contains("en");
    assertThat(languages.identify(RUSSIAN, "ru_RU")).contains("ru");
    // A Ukrainian feed's text is taken as Ukrainian without asking the detector.
    assertThat(languages.identify(RUSSIAN, "uk")).contains("uk");
  }

  @Test
  void shouldLetTheTextDecideWhenTheDeclaredLanguageIsInAnotherScript() {
    assertThat(languages.identify(RUSSIAN, "en")).contains("ru");
    assertThat(languages.identify(ENGLISH, "ru")).contains("en");
    assertThat(languages.identify(UKRAINIAN, "ko")).contains("uk");
  }

  @Test
  void shouldTakeHangulAsKoreanWhateverIsDeclared() {
    assertThat(languages.identify(KOREAN, null)).contains("ko");
    assertThat(languages.identify(KOREAN, "en")).contains("ko");
  }

  @Test
  void shouldDetectWithoutADeclarationOrAnUnknownOne() {
    assertThat(languages.identify(RUSSIAN, null)).contains("ru");
    assertThat(languages.identify(ENGLISH, "xx")).contains("en");
    assertThat(languages.identify("12:30 — 2024", "en")).isEmpty();
  }
}
