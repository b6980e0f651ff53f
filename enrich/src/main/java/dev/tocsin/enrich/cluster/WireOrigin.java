package dev.tocsin.enrich.cluster;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the wire service a story comes from by its dateline or credit, so that a wire story
 * republished by many outlets counts as one independent source.
 */
public final class WireOrigin {

  private record Agency(String name, Pattern credit) {}

  // Datelines and credits only: "SEOUL (Reuters) -", "(서울=연합뉴스)", "МОСКВА, 5 ноя - РИА Новости".
  // A passing mention ("Reuters reported on Friday") is not an origin.
  private static final List<Agency> AGENCIES =
      List.of(
          agency("Reuters", "\\((?:Thomson )?Reuters\\)|^Reuters\\s*[-–—]|[-–—]\\s*Reuters\\s*$"),
          agency("AP", "\\((?:AP|Associated Press)\\)|^AP\\s*[-–—]"),
          agency("AFP", "\\(AFP\\)|^AFP\\s*[-–—]|[-–—]\\s*AFP\\s*$"),
          agency("Yonhap", "\\(Yonhap\\)|=\\s*연합뉴스\\)|^\\(?연합뉴스\\)?\\s*[-–—=]"),
          agency("TASS", "/\\s*(?:ИТАР-)?ТАСС\\s*/|\\(TASS\\)|^TASS\\s*[-–—]|[-–—]\\s*ТАСС\\.?"),
          agency("RIA Novosti", "[-–—]\\s*РИА Новости|\\(RIA Novosti\\)"),
          agency("KCNA", "\\(KCNA\\)|조선중앙통신|^KCNA\\s*[-–—]|\\bKCNA said\\b"));

  private WireOrigin() {}

  /** Returns the wire agency credited in the opening or closing lines of {@code text}, if any. */
  public static Optional<String> of(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String stripped = text.strip();
    String head = stripped.substring(0, Math.min(200, stripped.length()));
    String tail = stripped.substring(Math.max(0, stripped.length() - 200));
    for (Agency agency : AGENCIES) {
      if (agency.credit().matcher(head).find() || agency.credit().matcher(tail).find()) {
        return Optional.of(agency.name());
      }
    }
    return Optional.empty();
  }

  private static Agency agency(String name, String regex) {
    return new Agency(name, Pattern.compile(regex, Pattern.MULTILINE));
  }
}
