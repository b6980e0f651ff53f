package dev.tocsin.enrich.dedup;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quantities of a story's text, normalized across languages ("10,000", "10 тысяч" and "1만" are
 * all {@code 10000}): the figures of a {@link StoryGist}.
 */
final class Quantities {

  private Quantities() {}

  private static final Pattern NUMBER =
      Pattern.compile(
          "(\\d{1,3}(?:[ ,\\u00a0\\u202f]\\d{3})+|\\d+(?:[.,]\\d+)?)\\s*"
              + "(thousand|million|billion|тыс\\.?|тысяч[аи]?|млн\\.?|миллион\\w*|млрд\\.?|"
              + "миллиард\\w*|만|천|억)?");

  /**
   * Returns the quantities {@code text} gives, as plain decimal strings: digits with thousands
   * separators or a decimal comma, scaled by a word for thousands, millions or billions (en, ru) or
   * 만, 천 and 억 (ko), of 10 and more; digits inside a word or a model name are not quantities.
   */
  static Set<String> in(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      int start = m.start();
      // A digit inside a word or a model name (KN-23, Su-27, 11th) is not a quantity.
      if (start > 0
          && (Character.isLetter(text.charAt(start - 1)) || text.charAt(start - 1) == '-')) {
        continue;
      }
      String digits = m.group(1).replaceAll("[ ,\\u00a0\\u202f](?=\\d{3})", "").replace(',', '.');
      BigDecimal value;
      try {
        value = new BigDecimal(digits);
      } catch (NumberFormatException e) {
        continue;
      }
      String unit = m.group(2);
      if (unit != null) {
        value = value.multiply(BigDecimal.valueOf(multiplier(unit)));
        // "1만2천" and "1만 2000": the smaller part follows the larger.
        int end = m.end();
        Matcher rest = NUMBER.matcher(text);
        if (unit.equals("만") && rest.find(end) && rest.start() <= end + 1) {
          BigDecimal small = new BigDecimal(rest.group(1).replaceAll("[ ,]", ""));
          if ("천".equals(rest.group(2))) {
            small = small.multiply(BigDecimal.valueOf(1000));
          }
          if (small.compareTo(BigDecimal.valueOf(10000)) < 0) {
            value = value.add(small);
            m.region(rest.end(), text.length());
          }
        }
      }
      // Single digits are mostly days, counts written as words elsewhere, or list markers.
      if (value.compareTo(BigDecimal.TEN) >= 0) {
        out.add(value.stripTrailingZeros().toPlainString());
      }
    }
    return out;
  }

  private static long multiplier(String unit) {
    String u = unit.toLowerCase(Locale.ROOT);
    if (u.startsWith("thousand") || u.startsWith("тыс") || u.equals("천")) {
      return 1_000L;
    }
    if (u.startsWith("million") || u.startsWith("млн") || u.startsWith("миллион")) {
      return 1_000_000L;
    }
    if (u.startsWith("billion") || u.startsWith("млрд") || u.startsWith("миллиард")) {
      return 1_000_000_000L;
    }
    if (u.equals("만")) {
      return 10_000L;
    }
    if (u.equals("억")) {
      return 100_000_000L;
    }
    return 1;
  }
}
