package dev.tocsin.enrich.cluster;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the wire service a story comes from by its dateline, byline or text credit, so that a wire
 * story republished (or translated) by many outlets counts as one independent source.
 *
 * <p>Only the opening and closing 200 characters are read. Photo credits ("Photo: Reuters", "AP
 * Photo/...", "Фото: ТАСС", "(사진=연합뉴스)") credit the picture, not the text, and are removed first; a
 * passing mention ("Reuters reported on Friday") is not an origin. A Korean relay credit names the
 * wire Yonhap relays ("(모스크바 로이터=연합뉴스)" is Reuters). KCNA counts as the origin of the stories that
 * relay its statements ("..., KCNA said", "조선중앙통신은 ... 보도했다"): they carry one source's word,
 * however many outlets repeat it.
 */
public final class WireOrigin {

  private record Agency(String name, Pattern credit) {}

  private static final int EDGE = 200;

  private static final Pattern PHOTO_CREDIT =
      Pattern.compile(
          "(?:\\b(?:AP|Reuters|AFP|Yonhap|EPA|TASS)\\s+Photo\\b|\\b(?:file\\s+)?photo\\b|"
              + "\\bimage\\b|фото|사진)\\s*(?:[:=/—–-]|by\\b)?\\s*[^\\n.;)]*",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  // The wire a Korean relay credit names, before "=연합뉴스".
  private static final List<Agency> RELAYED =
      List.of(
          agency("Reuters", "(?:로이터|Reuters)\\s*=\\s*연합뉴스"),
          agency("AP", "\\bAP\\s*=\\s*연합뉴스"),
          agency("AFP", "\\bAFP\\s*=\\s*연합뉴스"),
          agency("TASS", "(?:타스|이타르타스)\\s*=\\s*연합뉴스"),
          agency("KCNA", "조선중앙통신\\s*=\\s*연합뉴스"));

  private static final List<Agency> AGENCIES =
      List.of(
          agency(
              "Reuters",
              "\\((?:Thomson )?Reuters\\)|^Reuters\\s*[-–—]|^By Reuters\\b|[-–—]\\s*Reuters\\.?\\s*$"),
          agency("AP", "\\((?:AP|Associated Press)\\)|^AP\\s*[-–—]|^By The Associated Press\\b"),
          agency("AFP", "\\(AFP\\)|^AFP\\s*[-–—]|[-–—]\\s*AFP\\.?\\s*$"),
          agency("Yonhap", "\\(Yonhap\\)|^By Yonhap\\b|=\\s*연합뉴스\\)|^\\(?연합뉴스\\)?\\s*[-–—=]"),
          agency("TASS", "/\\s*(?:ИТАР-)?ТАСС\\s*/|\\(TASS\\)|^TASS\\s*[-–—]|[-–—]\\s*ТАСС\\.?"),
          agency("RIA Novosti", "[-–—]\\s*РИА Новости|\\((?:RIA Novosti|РИА Новости)\\)"),
          agency(
              "KCNA",
              "\\((?:KCNA|ЦТАК)\\)|조선중앙통신|^KCNA\\s*[-–—]|\\bKCNA said\\b"
                  + "|\\bKorean Central News Agency\\b"));

  // Every credit above names its agency in one of these spellings, matched case for case: a text
  // without any of them has no origin, and is not run through the patterns at all (most are not).
  private static final List<String> NAMES =
      List.of(
          "Reuters",
          "AP",
          "Associated Press",
          "AFP",
          "Yonhap",
          "연합뉴스",
          "TASS",
          "ТАСС",
          "RIA Novosti",
          "РИА Новости",
          "KCNA",
          "ЦТАК",
          "조선중앙통신",
          "Korean Central News Agency",
          "로이터",
          "타스");

  private WireOrigin() {}

  /** Returns the wire agency credited in the opening or closing lines of {@code text}, if any. */
  public static Optional<String> of(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String stripped = text.strip();
    String head = stripped.substring(0, Math.min(EDGE, stripped.length()));
    String tail = stripped.substring(Math.max(0, stripped.length() - EDGE));
    // Removing photo credits only deletes text: it cannot make a name appear.
    if (!namesAgency(head) && !namesAgency(tail)) {
      return Optional.empty();
    }
    head = withoutPhotoCredits(head);
    tail = withoutPhotoCredits(tail).strip();
    for (List<Agency> agencies : List.of(RELAYED, AGENCIES)) {
      for (Agency agency : agencies) {
        if (agency.credit().matcher(head).find() || agency.credit().matcher(tail).find()) {
          return Optional.of(agency.name());
        }
      }
    }
    return Optional.empty();
  }

  private static boolean namesAgency(String text) {
    for (String name : NAMES) {
      if (text.contains(name)) {
        return true;
      }
    }
    return false;
  }

  private static String withoutPhotoCredits(String text) {
    return PHOTO_CREDIT.matcher(text).replaceAll("");
  }

  private static Agency agency(String name, String regex) {
    return new Agency(name, Pattern.compile(regex, Pattern.MULTILINE));
  }
}
