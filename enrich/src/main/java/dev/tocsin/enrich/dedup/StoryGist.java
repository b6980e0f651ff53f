package dev.tocsin.enrich.dedup;

import dev.tocsin.enrich.analysis.Analysis;
import dev.tocsin.enrich.entity.Mention;
import dev.tocsin.enrich.event.DetectedEvent;
import dev.tocsin.enrich.relevance.Reason;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The facts of a story that survive translation and rewriting: the entities it names (by canonical
 * id, so "КНДР", "북한" and "North Korea" agree), the quantities it gives, normalized across
 * languages ("12,000", "12 тысяч" and "1만2천" are all 12000), the events and context signals it
 * reports, and the news concepts of {@link ConceptLexicon} it mentions ("satellite imagery",
 * "спутниковые снимки", "위성사진").
 *
 * <p>Gists are compared for every member of every bucket a story probes, so each keeps its sets
 * also as sorted 64-bit hashes: an overlap is a merge of two short arrays, not a probe of a hash
 * set per element. Two different features of one kind would have to share a 64-bit hash to be
 * counted as one.
 */
public final class StoryGist {

  private static final Set<String> UBIQUITOUS = Set.of("state:RUS", "state:PRK");

  private static final Pattern NUMBER =
      Pattern.compile(
          "(\\d{1,3}(?:[ ,\\u00a0\\u202f]\\d{3})+|\\d+(?:[.,]\\d+)?)\\s*"
              + "(thousand|million|billion|тыс\\.?|тысяч[аи]?|млн\\.?|миллион\\w*|млрд\\.?|"
              + "миллиард\\w*|만|천|억)?");

  // Feature prefixes of features(): the order of the prefix filter puts rare kinds first.
  private static final String NUMBER_FEATURE = "n:";
  private static final String ENTITY_FEATURE = "e:";
  private static final String CONCEPT_FEATURE = "c:";
  private static final String EVENT_FEATURE = "v:";
  private static final String GENERIC_TERM = "term:";

  private final Set<String> entities;
  private final Set<String> numbers;
  private final Set<String> events;
  private final Set<String> concepts;
  private final long[] numberHashes;
  private final long[] nameHashes;
  private final long[] termHashes;
  private final long[] eventHashes;
  private final long[] conceptHashes;
  private final int totalWeight;
  private List<String> features;

  /**
   * Creates a gist, copying the sets.
   *
   * @param entities canonical ids of the entities named, the two watched states left out (every
   *     story on the watch names them)
   * @param numbers the quantities, as plain decimal strings
   * @param events the event types and {@code signal:} codes found
   * @param concepts ids of the concepts mentioned
   */
  public StoryGist(
      Set<String> entities, Set<String> numbers, Set<String> events, Set<String> concepts) {
    this.entities = Set.copyOf(entities);
    this.numbers = Set.copyOf(numbers);
    this.events = Set.copyOf(events);
    this.concepts = Set.copyOf(concepts);
    this.numberHashes = hashes(this.numbers.stream());
    this.nameHashes = hashes(this.entities.stream().filter(e -> !e.startsWith(GENERIC_TERM)));
    this.termHashes = hashes(this.entities.stream().filter(e -> e.startsWith(GENERIC_TERM)));
    this.eventHashes = hashes(this.events.stream());
    this.conceptHashes = hashes(this.concepts.stream());
    this.totalWeight =
        4 * numberHashes.length
            + 2 * nameHashes.length
            + termHashes.length
            + 2 * conceptHashes.length
            + eventHashes.length;
  }

  /** Returns the canonical ids of the entities named, the two watched states left out. */
  public Set<String> entities() {
    return entities;
  }

  /** Returns the quantities, as plain decimal strings. */
  public Set<String> numbers() {
    return numbers;
  }

  /** Returns the event types and {@code signal:} codes found. */
  public Set<String> events() {
    return events;
  }

  /** Returns the ids of the concepts mentioned. */
  public Set<String> concepts() {
    return concepts;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoryGist g
        && entities.equals(g.entities)
        && numbers.equals(g.numbers)
        && events.equals(g.events)
        && concepts.equals(g.concepts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(entities, numbers, events, concepts);
  }

  @Override
  public String toString() {
    return "StoryGist[entities="
        + entities
        + ", numbers="
        + numbers
        + ", events="
        + events
        + ", concepts="
        + concepts
        + "]";
  }

  /** Creates a gist without concepts. */
  public StoryGist(Set<String> entities, Set<String> numbers, Set<String> events) {
    this(entities, numbers, events, Set.of());
  }

  /**
   * Returns the gist of a story: its text (title, summary and body), the canonical ids of the
   * entities it names, the event types it reports and the codes of the relevance reasons that fired
   * (of which the {@code signal:} ones count as events). The Streams topology and the offline tools
   * both build gists with this function.
   */
  public static StoryGist of(
      String text,
      Collection<String> entityIds,
      Collection<String> eventTypes,
      Collection<String> reasonCodes) {
    Objects.requireNonNull(text, "text");
    Set<String> entities = new TreeSet<>(entityIds);
    entities.removeAll(UBIQUITOUS);
    Set<String> events = new TreeSet<>(eventTypes);
    reasonCodes.stream().filter(code -> code.startsWith("signal:")).forEach(events::add);
    return new StoryGist(entities, numbers(text), events, ConceptLexicon.shared().find(text));
  }

  /** Returns the gist of a story's text (title, summary and body) and the analysis of it. */
  public static StoryGist of(String text, Analysis analysis) {
    return of(
        text,
        analysis.mentions().stream().map(Mention::entityId).toList(),
        analysis.events().stream().map(DetectedEvent::type).toList(),
        analysis.relevance().reasons().stream().map(Reason::code).toList());
  }

  /**
   * Returns the gist as one list of prefixed features, for records and stores. Built once: a
   * story's gist is written to each of its buckets.
   */
  public List<String> features() {
    List<String> out = features;
    if (out == null) {
      List<String> built = new ArrayList<>();
      numbers.stream().sorted().forEach(n -> built.add(NUMBER_FEATURE + n));
      entities.stream().sorted().forEach(e -> built.add(ENTITY_FEATURE + e));
      concepts.stream().sorted().forEach(c -> built.add(CONCEPT_FEATURE + c));
      events.stream().sorted().forEach(e -> built.add(EVENT_FEATURE + e));
      // A race builds the same immutable list twice; either copy may be kept.
      out = List.copyOf(built);
      features = out;
    }
    return out;
  }

  /** Returns the gist whose {@link #features()} are {@code features}. */
  public static StoryGist fromFeatures(Collection<String> features) {
    Set<String> entities = new TreeSet<>();
    Set<String> numbers = new TreeSet<>();
    Set<String> events = new TreeSet<>();
    Set<String> concepts = new TreeSet<>();
    for (String f : features) {
      String value = f.substring(2);
      switch (f.substring(0, 2)) {
        case NUMBER_FEATURE -> numbers.add(value);
        case ENTITY_FEATURE -> entities.add(value);
        case CONCEPT_FEATURE -> concepts.add(value);
        case EVENT_FEATURE -> events.add(value);
        default -> throw new IllegalArgumentException("Unknown gist feature: " + f);
      }
    }
    return new StoryGist(entities, numbers, events, concepts);
  }

  /**
   * Returns the bucket keys of the gist for a similarity threshold: every gist at or above the
   * threshold shares at least one key with this one (prefix filtering). Each feature, repeated as
   * often as its {@link #weight}, is put in one global order, rarer kinds first (quantities,
   * entities, concepts, then events), and the features among the first {@code w - ceil(t * w) + 1}
   * of these {@code w} units are keys: a gist sharing none of them shares at most {@code ceil(t *
   * w) - 1} of this one's weight and is below the threshold.
   */
  public List<String> keys(double threshold) {
    List<String> order = new ArrayList<>();
    for (String f : features()) {
      for (int i = 0; i < weight(f); i++) {
        order.add(f);
      }
    }
    order.sort(Comparator.comparingInt(StoryGist::rank).thenComparing(StoryGist::stableHash));
    int weight = order.size();
    int prefix = weight - (int) Math.ceil(threshold * weight - 1e-9) + 1;
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < Math.min(prefix, weight); i++) {
      if (!keys.contains(order.get(i))) {
        keys.add(order.get(i));
      }
    }
    return keys;
  }

  private static int rank(String feature) {
    return switch (feature.substring(0, 2)) {
      case NUMBER_FEATURE -> 0;
      case ENTITY_FEATURE -> 1;
      case CONCEPT_FEATURE -> 2;
      default -> 3;
    };
  }

  // String.hashCode is specified by the language, so the order is the same in every JVM.
  private static int stableHash(String feature) {
    return feature.hashCode();
  }

  /**
   * Returns the weight of a feature of {@link #features()}: a quantity 4, a named entity or a
   * concept 2, a generic term ("troops", "deployment"), an event or a signal 1. Two different
   * stories on the same war share their generic words and often their places, rarely their figures.
   */
  public static int weight(String feature) {
    if (feature.startsWith(NUMBER_FEATURE)) {
      return 4;
    }
    if (feature.startsWith(ENTITY_FEATURE)) {
      return feature.startsWith(ENTITY_FEATURE + GENERIC_TERM) ? 1 : 2;
    }
    return feature.startsWith(CONCEPT_FEATURE) ? 2 : 1;
  }

  /** Returns the weighted Jaccard similarity of two gists in [0, 1] (weights: {@link #weight}). */
  public static double similarity(StoryGist a, StoryGist b) {
    return similarity(a, b, sharedWeight(a, b));
  }

  /** Returns {@link #similarity} given the {@link #sharedWeight} of the two gists. */
  static double similarity(StoryGist a, StoryGist b, int sharedWeight) {
    int all = totalWeight(a) + totalWeight(b) - sharedWeight;
    return all == 0 ? 0 : (double) sharedWeight / all;
  }

  /**
   * Returns the total weight of the features two gists share. Computed on the sorted hashes,
   * without building {@link #features()}: it runs for every member of a bucket a story probes.
   */
  public static int sharedWeight(StoryGist a, StoryGist b) {
    return 4 * overlap(a.numberHashes, b.numberHashes)
        + 2 * overlap(a.nameHashes, b.nameHashes)
        + overlap(a.termHashes, b.termHashes)
        + 2 * overlap(a.conceptHashes, b.conceptHashes)
        + overlap(a.eventHashes, b.eventHashes);
  }

  /** Returns the total weight of the gist's features ({@link #weight}). */
  public int totalWeight() {
    return totalWeight;
  }

  private static int totalWeight(StoryGist g) {
    return g.totalWeight;
  }

  /** Returns how many entities, quantities, events and concepts two gists share. */
  public static int sharedFeatures(StoryGist a, StoryGist b) {
    return overlap(a.nameHashes, b.nameHashes)
        + overlap(a.termHashes, b.termHashes)
        + overlap(a.numberHashes, b.numberHashes)
        + overlap(a.eventHashes, b.eventHashes)
        + overlap(a.conceptHashes, b.conceptHashes);
  }

  /** Returns how many quantities two gists share. */
  public static int sharedNumbers(StoryGist a, StoryGist b) {
    return overlap(a.numberHashes, b.numberHashes);
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

  /** Returns how many values two sorted hash arrays share. */
  private static int overlap(long[] a, long[] b) {
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) {
        i++;
      } else if (a[i] > b[j]) {
        j++;
      } else {
        n++;
        i++;
        j++;
      }
    }
    return n;
  }

  private static long[] hashes(Stream<String> values) {
    return values.mapToLong(StoryGist::hash64).sorted().toArray();
  }

  // FNV-1a over the UTF-16 units, then SplitMix64's finalizer to spread the bits.
  private static long hash64(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }
}
