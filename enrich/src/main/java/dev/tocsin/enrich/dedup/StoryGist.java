package dev.tocsin.enrich.dedup;

import dev.tocsin.enrich.analysis.Analysis;
import dev.tocsin.enrich.entity.Mention;
import dev.tocsin.enrich.event.DetectedEvent;
import dev.tocsin.enrich.relevance.Reason;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The facts of a story that survive translation and rewriting: the entities it names (by canonical
 * id, so "КНДР", "북한" and "North Korea" agree), the quantities it gives, normalized across
 * languages ("12,000", "12 тысяч" and "1만2천" are all 12000), and the events it reports.
 *
 * @param entities canonical ids of the entities named, the two watched states left out (every story
 *     on the watch names them)
 * @param numbers the quantities, as plain decimal strings
 * @param events the event types found
 */
public record StoryGist(Set<String> entities, Set<String> numbers, Set<String> events) {

  private static final Set<String> UBIQUITOUS = Set.of("state:RUS", "state:PRK");
  private static final Pattern NUMBER =
      Pattern.compile(
          "(\\d{1,3}(?:[ ,\\u00a0\\u202f]\\d{3})+|\\d+(?:[.,]\\d+)?)\\s*"
              + "(thousand|million|billion|тыс\\.?|тысяч[аи]?|млн\\.?|миллион\\w*|млрд\\.?|"
              + "миллиард\\w*|만|천|억)?");

  /** Copies the sets. */
  public StoryGist {
    entities = Set.copyOf(entities);
    numbers = Set.copyOf(numbers);
    events = Set.copyOf(events);
  }

  /** Returns the gist of a story's text and the analysis of it. */
  public static StoryGist of(String text, List<Mention> mentions, List<DetectedEvent> events) {
    Objects.requireNonNull(text, "text");
    Set<String> entities = new TreeSet<>();
    for (Mention m : mentions) {
      if (!UBIQUITOUS.contains(m.entityId())) {
        entities.add(m.entityId());
      }
    }
    Set<String> types = new TreeSet<>();
    events.forEach(e -> types.add(e.type()));
    return new StoryGist(entities, numbers(text), types);
  }

  /**
   * Returns the gist of a story from its analysis; the context signals that fired (sports, culture
   * ...) count as events.
   */
  public static StoryGist of(String text, Analysis analysis) {
    StoryGist gist = of(text, analysis.mentions(), analysis.triggered());
    Set<String> events = new TreeSet<>(gist.events());
    analysis.relevance().reasons().stream()
        .map(Reason::code)
        .filter(code -> code.startsWith("signal:"))
        .forEach(events::add);
    return new StoryGist(gist.entities(), gist.numbers(), events);
  }

  /**
   * Returns the weighted Jaccard similarity of two gists in [0, 1]: quantities weigh twice as much
   * as entities and events, since two different stories about the same war share their names but
   * rarely their figures.
   */
  public static double similarity(StoryGist a, StoryGist b) {
    double shared =
        overlap(a.entities, b.entities)
            + 2 * overlap(a.numbers, b.numbers)
            + overlap(a.events, b.events);
    double all =
        union(a.entities, b.entities) + 2 * union(a.numbers, b.numbers) + union(a.events, b.events);
    return all == 0 ? 0 : shared / all;
  }

  /** Returns how many entities, quantities and events two gists share. */
  public static int sharedFeatures(StoryGist a, StoryGist b) {
    return overlap(a.entities, b.entities)
        + overlap(a.numbers, b.numbers)
        + overlap(a.events, b.events);
  }

  /** Returns how many quantities two gists share. */
  public static int sharedNumbers(StoryGist a, StoryGist b) {
    return overlap(a.numbers, b.numbers);
  }

  static Set<String> numbers(String text) {
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

  private static int overlap(Set<String> a, Set<String> b) {
    int n = 0;
    for (String s : a) {
      if (b.contains(s)) {
        n++;
      }
    }
    return n;
  }

  private static int union(Set<String> a, Set<String> b) {
    return a.size() + b.size() - overlap(a, b);
  }
}
