package dev.tocsin.enrich.entity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the press dateline that opens a lede or body: "Pyongyang, November 4 (KCNA) --",
 * "HIROSHIMA, Japan (AP) —", "(모스크바=연합뉴스) 최인영 특파원 =". A dateline says where a correspondent filed
 * and for which agency, not what the story is about: a place or agency in it is no mention.
 */
final class Dateline {

  // A place (and date) before an agency's capitalised name in parentheses, then a dash: the wires'
  // form.
  private static final Pattern WIRE =
      Pattern.compile(
          "^\\s*\\p{Lu}[\\p{L}\\p{M} .,'’-]{1,50}?(?:\\s\\d{1,2},?)?\\s*\\(\\p{Lu}[\\p{L} .]{1,29}\\)\\s*(?:--|—|–|-)");

  // Korean agencies and papers: "(place=agency)" or "[place=agency]", then "name 기자 =" or
  // "name 특파원 =".
  private static final Pattern KOREAN =
      Pattern.compile(
          "^\\s*[(\\[][^()\\[\\]=\\n]{1,30}=[^()\\[\\]=\\n]{1,20}[)\\]]"
              + "(?:\\s*[^=\\n]{0,30}?(?:기자|특파원|통신원)\\s*=)?");

  private Dateline() {}

  /** Returns the length of the dateline {@code text} opens with, 0 when it opens with none. */
  static int length(String text) {
    Matcher wire = WIRE.matcher(text);
    if (wire.lookingAt()) {
      return wire.end();
    }
    Matcher korean = KOREAN.matcher(text);
    return korean.lookingAt() ? korean.end() : 0;
  }
}
