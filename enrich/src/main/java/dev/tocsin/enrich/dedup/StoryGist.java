package dev.tocsin.enrich.dedup;

import dev.tocsin.enrich.analysis.Analysis;
import dev.tocsin.enrich.analysis.StoryText;
import dev.tocsin.enrich.entity.Mention;
import dev.tocsin.enrich.event.DetectedEvent;
import dev.tocsin.enrich.relevance.Reason;
import dev.tocsin.schemas.TextField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The facts of a story that survive translation and rewriting: the entities it names (by canonical
 * id, so "КНДР", "북한" and "North Korea" agree), the quantities it gives, normalized across
 * languages ("12,000", "12 тысяч" and "1만2천" are all 12000), the events and context signals it
 * reports, and the news concepts of {@link ConceptLexicon} it mentions ("satellite imagery",
 * "спутниковые снимки", "위성사진").
 *
 * <p>Gists are compared for every member of every bucket a story probes, so each keeps its features
 * also as one sorted array of 64-bit hashes, each tagged with its kind in the low three bits: a
 * comparison is one merge of two short arrays, not a probe of a hash set per element. Two different
 * features of one kind would have to share 61 bits of hash to be counted as one.
 */
public final class StoryGist {

  private static final Set<String> UBIQUITOUS = Set.of("state:RUS", "state:PRK");

  // Names that most stories of the watch give, whatever the development: the heads of the two
  // watched states and the classes of their officials (not one person). With the states, they
  // tell the same story apart from another as any name does, but not one development from another.
  private static final Set<String> COMMON_NAMES =
      Set.of(
          "leader:kim-jong-un",
          "leader:putin",
          "leader:rus-officials",
          "leader:prk-officials",
          "leader:kor-presidents");
  private static final String STATE = "state:";

  // Feature prefixes of features(): the order of the prefix filter puts rare kinds first.
  private static final String NUMBER_FEATURE = "n:";
  private static final String ENTITY_FEATURE = "e:";
  private static final String CONCEPT_FEATURE = "c:";
  private static final String EVENT_FEATURE = "v:";
  private static final String GENERIC_TERM = "term:";
  private static final String PLACE = "place:";
  private static final String SIGNAL = "signal:";
  private static final String DEVELOPMENT_KEY = "d:";

  private static final int KIND_NUMBER = 0;
  private static final int KIND_NAME = 1;
  private static final int KIND_TERM = 2;
  private static final int KIND_CONCEPT = 3;
  private static final int KIND_EVENT = 4;
  private static final int KIND_PLACE = 5;
  private static final int KIND_SIGNAL = 6;
  private static final int KIND_COMMON_NAME = 7;
  private static final long KIND_MASK = 7;
  // The weight of each kind (see weight()).
  // Generic terms ("troops", "deployment") weigh nothing: one language says "troops" where another
  // says "North Korean soldiers", so they differ between reports of one story more often than
  // between two stories.
  // Places weigh as the other names, context signals as events: their kinds of their own only let
  // the development rule find a shared place and a shared event type in the hashes alone.
  // Common names (states, the heads of the watched states) weigh as the other names.
  private static final int[] KIND_WEIGHT = {4, 2, 0, 2, 1, 2, 1, 2};
  // The weight of each kind as evidence of one development: what sets one act apart from another
  // of the same days, so neither generic terms, context signals nor common names count.
  private static final int[] DEVELOPMENT_WEIGHT = {4, 2, 0, 2, 1, 2, 0, 0};

  private final Set<String> entities;
  private final Set<String> numbers;
  private final Set<String> events;
  private final Set<String> concepts;
  // Every feature's 64-bit hash with its kind in the low three bits (KIND_*), sorted: two gists
  // are compared in one merge of these arrays.
  private final long[] hashes;
  private final int totalWeight;
  private final int developmentWeight;
  private final boolean hasNumbers;
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
    this.hashes =
        Stream.of(
                kinded(this.numbers.stream(), KIND_NUMBER),
                kinded(
                    this.entities.stream()
                        .filter(e -> !e.startsWith(GENERIC_TERM) && !e.startsWith(PLACE))
                        .filter(e -> !isCommonName(e)),
                    KIND_NAME),
                kinded(this.entities.stream().filter(StoryGist::isCommonName), KIND_COMMON_NAME),
                kinded(this.entities.stream().filter(e -> e.startsWith(PLACE)), KIND_PLACE),
                kinded(this.entities.stream().filter(e -> e.startsWith(GENERIC_TERM)), KIND_TERM),
                kinded(this.concepts.stream(), KIND_CONCEPT),
                kinded(this.events.stream().filter(e -> !e.startsWith(SIGNAL)), KIND_EVENT),
                kinded(this.events.stream().filter(e -> e.startsWith(SIGNAL)), KIND_SIGNAL))
            .flatMapToLong(LongStream::of)
            .sorted()
            .distinct()
            .toArray();
    this.totalWeight = weigh(hashes, KIND_WEIGHT);
    this.developmentWeight = weigh(hashes, DEVELOPMENT_WEIGHT);
    this.hasNumbers = !this.numbers.isEmpty();
  }

  private static boolean isCommonName(String entity) {
    return entity.startsWith(STATE) || COMMON_NAMES.contains(entity);
  }

  private static int weigh(long[] hashes, int[] weights) {
    int weight = 0;
    for (long h : hashes) {
      weight += weights[(int) (h & KIND_MASK)];
    }
    return weight;
  }

  private StoryGist(long[] hashes, int totalWeight, int developmentWeight, boolean hasNumbers) {
    this.entities = Set.of();
    this.numbers = Set.of();
    this.events = Set.of();
    this.concepts = Set.of();
    this.hashes = hashes;
    this.totalWeight = totalWeight;
    this.developmentWeight = developmentWeight;
    this.hasNumbers = hasNumbers;
    this.features = List.of();
  }

  /**
   * Returns the gist as matching needs it and nothing more: its hashes, weight and whether it gives
   * figures. A compact gist compares with others as this one does, but has no features or keys; the
   * index holds its stories' gists this way, a fraction of the heap.
   */
  public StoryGist compact() {
    return new StoryGist(hashes, totalWeight, developmentWeight, hasNumbers);
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

  // Two gists are equal when their features are; a compact gist equals the gist it was made of.
  @Override
  public boolean equals(Object o) {
    return o instanceof StoryGist g && Arrays.equals(hashes, g.hashes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hashes);
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
    return new StoryGist(entities, Quantities.in(text), events, ConceptLexicon.shared().find(text));
  }

  /**
   * An entity named in a story's text: its canonical id and where its mention starts and ends.
   *
   * @param entityId the canonical id
   * @param start where the mention starts in the text
   * @param end where it ends
   */
  public record Named(String entityId, int start, int end) {}

  /**
   * Returns the gist of a story's text given where each entity is named in it, the event types it
   * reports and the codes of the relevance reasons that fired: as {@link #of(String, Collection,
   * Collection, Collection)}, without the entities named only inside the longer name of another.
   */
  public static StoryGist ofNamed(
      String text,
      Collection<Named> named,
      Collection<String> eventTypes,
      Collection<String> reasonCodes) {
    return of(text, outermost(named), eventTypes, reasonCodes);
  }

  // The entities not named only inside the longer name of another ("Vostochny", the port, in
  // "Vostochny Cosmodrome"): a name within a name is part of it, not a second name, and a
  // translation that names the whole in other words ("космодром Восточный") may not contain it.
  private static List<String> outermost(Collection<Named> named) {
    Set<String> outside = new TreeSet<>();
    for (Named n : named) {
      boolean inside = false;
      for (Named o : named) {
        if (!o.entityId().equals(n.entityId())
            && o.start() <= n.start()
            && n.end() <= o.end()
            && o.end() - o.start() > n.end() - n.start()) {
          inside = true;
          break;
        }
      }
      if (!inside) {
        outside.add(n.entityId());
      }
    }
    return List.copyOf(outside);
  }

  /**
   * Returns where a mention in {@code field} at {@code offset} is in the story's {@link #lead}: the
   * title, a line break, then the summary or the body.
   */
  public static int leadOffset(String title, TextField field, int offset) {
    return field == TextField.TITLE ? offset : title.length() + 1 + offset;
  }

  /**
   * How much of a body without a summary is a story's lead: reports of one story agree on their
   * headline and opening facts, and the rest of an article (background, quotes, other news) would
   * only set them apart. Gists were calibrated on headlines and ledes.
   */
  public static final int LEAD_CHARS = 400;

  /**
   * Returns a story's lead: its title and its summary, or without a summary the first {@link
   * #LEAD_CHARS} characters of its body.
   */
  public static String lead(String title, String summary, String body) {
    return title + "\n" + leadBody(summary, body);
  }

  /** Returns whether a mention in {@code field} at {@code start} is in the story's lead. */
  public static boolean inLead(TextField field, int start, String summary) {
    return switch (field) {
      case TITLE, SUMMARY -> true;
      case BODY -> isBlank(summary) && start < LEAD_CHARS;
      default -> false;
    };
  }

  /**
   * Returns the gist of a story's lead ({@link #lead}): the entities named in it, its quantities
   * and concepts, and the story's event types and signals. The Streams topology and the offline
   * tools both build gists of stories with this function.
   */
  public static StoryGist ofLead(StoryText story, Analysis analysis) {
    return ofNamed(
        lead(story.title(), story.summary(), story.body()),
        analysis.mentions().stream()
            .filter(m -> inLead(m.field(), m.start(), story.summary()))
            .map(
                m ->
                    new Named(
                        m.entityId(),
                        leadOffset(story.title(), m.field(), m.start()),
                        leadOffset(story.title(), m.field(), m.end())))
            .toList(),
        analysis.events().stream().map(DetectedEvent::type).toList(),
        analysis.relevance().reasons().stream().map(Reason::code).toList());
  }

  private static String leadBody(String summary, String body) {
    if (!isBlank(summary)) {
      return summary;
    }
    if (body == null) {
      return "";
    }
    return body.length() <= LEAD_CHARS ? body : body.substring(0, LEAD_CHARS);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
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
   * Returns the bucket keys of the gist: every gist that {@link GistMatcher} may call the same
   * story shares at least one key with this one. Two reports that both give figures must share one
   * (different figures are different stories), so every quantity is a key. A report matched without
   * a shared figure needs a similarity of at least {@code thresholdWithoutFigures} and a shared
   * weight of at least {@code minSharedWithoutFigures}, all of it outside the quantities: prefix
   * filtering finds those. Each other feature, repeated as often as its {@link #weight}, is put in
   * one global order, names first (rarer), then concepts, generic terms and events, and the
   * features among the first {@code u - s + 1} of these {@code u} units are keys, where {@code s}
   * is the least weight such a match must share ({@code ceil(t * w)} of the gist's whole weight
   * {@code w}, or the minimum); a gist sharing none of them shares at most {@code s - 1}.
   */
  public List<String> keys(double thresholdWithoutFigures, int minSharedWithoutFigures) {
    List<String> keys = new ArrayList<>();
    List<String> order = new ArrayList<>();
    for (String f : features()) {
      if (f.startsWith(NUMBER_FEATURE)) {
        keys.add(f);
        continue;
      }
      for (int i = 0; i < weight(f); i++) {
        order.add(f);
      }
    }
    order.sort(Comparator.comparingInt(StoryGist::rank).thenComparing(StoryGist::stableHash));
    int mustShare =
        Math.max(
            (int) Math.ceil(thresholdWithoutFigures * totalWeight - 1e-9), minSharedWithoutFigures);
    int prefix = order.size() - mustShare + 1;
    for (int i = 0; i < Math.min(prefix, order.size()); i++) {
      if (!keys.contains(order.get(i))) {
        keys.add(order.get(i));
      }
    }
    return keys;
  }

  /**
   * Returns the development keys of the gist: one per event type it reports and feature that sets
   * one development apart from another (a quantity, a place, a name other than the states and the
   * heads of the watched states, a concept), such as {@code d:place:kursk/use-conventional-force}
   * or {@code d:leader:shoigu/official-visit}. Two reports of one development (the same event with
   * the same actors, place or figures) share one, whatever else they say.
   */
  public List<String> developmentKeys() {
    List<String> distinctive = new ArrayList<>();
    numbers.stream().sorted().forEach(n -> distinctive.add(NUMBER_FEATURE + n));
    entities.stream()
        .filter(e -> !e.startsWith(GENERIC_TERM) && !isCommonName(e))
        .sorted()
        .forEach(distinctive::add);
    concepts.stream().sorted().forEach(c -> distinctive.add(CONCEPT_FEATURE + c));
    List<String> keys = new ArrayList<>();
    for (String feature : distinctive) {
      for (String event : eventTypes()) {
        keys.add(DEVELOPMENT_KEY + feature + "/" + event);
      }
    }
    return keys;
  }

  /** Returns the places the gist names (profile entities of type place), sorted. */
  public List<String> places() {
    return entities.stream().filter(e -> e.startsWith(PLACE)).sorted().toList();
  }

  /** Returns the event types of the watch the gist reports, without context signals, sorted. */
  public List<String> eventTypes() {
    return events.stream().filter(e -> !e.startsWith(SIGNAL)).sorted().toList();
  }

  // Names are the rarest of the features that are not quantities, events (a handful of types)
  // the commonest.
  private static int rank(String feature) {
    if (feature.startsWith(ENTITY_FEATURE)) {
      return feature.startsWith(ENTITY_FEATURE + GENERIC_TERM) ? 2 : 0;
    }
    return feature.startsWith(CONCEPT_FEATURE) ? 1 : 3;
  }

  // String.hashCode is specified by the language, so the order is the same in every JVM.
  private static int stableHash(String feature) {
    return feature.hashCode();
  }

  /**
   * Returns the weight of a feature of {@link #features()}: a quantity 4, a named entity or a
   * concept 2, an event or a signal 1, a generic term ("troops", "deployment") 0. Two different
   * stories on the same war share their generic words and often their places, rarely their figures.
   */
  public static int weight(String feature) {
    if (feature.startsWith(NUMBER_FEATURE)) {
      return 4;
    }
    if (feature.startsWith(ENTITY_FEATURE)) {
      return feature.startsWith(ENTITY_FEATURE + GENERIC_TERM) ? 0 : 2;
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
    return Shared.weight(shared(a, b));
  }

  /** Returns the total weight of the gist's features ({@link #weight}). */
  public int totalWeight() {
    return totalWeight;
  }

  /**
   * Returns the weight of the gist's features as evidence of one development: quantities 4, places,
   * names and concepts 2, event types 1; generic terms, context signals, the states and the heads
   * of the watched states nothing.
   */
  public int developmentWeight() {
    return developmentWeight;
  }

  private static int totalWeight(StoryGist g) {
    return g.totalWeight;
  }

  /** Returns how many quantities two gists share. */
  public static int sharedNumbers(StoryGist a, StoryGist b) {
    return Shared.numbers(shared(a, b));
  }

  /** Returns whether the gist gives any quantity. */
  boolean hasNumbers() {
    return hasNumbers;
  }

  /**
   * Returns what two gists share, packed ({@link Shared}): one merge of their sorted hashes, since
   * it runs for every member of every bucket a story probes.
   */
  static long shared(StoryGist a, StoryGist b) {
    long[] x = a.hashes;
    long[] y = b.hashes;
    int numbers = 0;
    int events = 0;
    int weight = 0;
    int development = 0;
    int kinds = 0;
    int i = 0;
    int j = 0;
    while (i < x.length && j < y.length) {
      if (x[i] < y[j]) {
        i++;
      } else if (x[i] > y[j]) {
        j++;
      } else {
        int kind = (int) (x[i] & KIND_MASK);
        weight += KIND_WEIGHT[kind];
        development += DEVELOPMENT_WEIGHT[kind];
        numbers += kind == KIND_NUMBER ? 1 : 0;
        events += kind == KIND_EVENT ? 1 : 0;
        kinds |= 1 << kind;
        i++;
        j++;
      }
    }
    return Shared.of(numbers, events, weight, development, kinds);
  }

  /**
   * Unpacks {@link #shared}: the counts of quantities and of event types shared, the weight of all
   * shared ({@link #weight}) and as evidence of one development ({@link #developmentWeight}), and
   * the kinds of feature among them. Each count and weight has 16 bits, more than two gists of news
   * leads ever share.
   */
  static final class Shared {
    private Shared() {}

    private static final long MASK = 0xFFFF;

    static long of(int numbers, int events, int weight, int development, int kinds) {
      return (long) (kinds & 0xFF) << 56
          | (Math.min(numbers, 0xFF) & 0xFFL) << 48
          | (Math.min(events, 0xFF) & 0xFFL) << 40
          | (Math.min(development, 0xFFFF) & MASK) << 16
          | Math.min(weight, 0xFFFF) & MASK;
    }

    static int numbers(long shared) {
      return (int) (shared >>> 48) & 0xFF;
    }

    static int events(long shared) {
      return (int) (shared >>> 40) & 0xFF;
    }

    static int weight(long shared) {
      return (int) (shared & MASK);
    }

    static int developmentWeight(long shared) {
      return (int) (shared >>> 16 & MASK);
    }

    static boolean place(long shared) {
      return ((shared >>> 56) & 1 << KIND_PLACE) != 0;
    }

    /** Returns whether a feature other than an event type counts as development evidence. */
    static boolean distinctiveBesidesEvents(long shared) {
      long kinds = shared >>> 56;
      return (kinds & (1 << KIND_NUMBER | 1 << KIND_NAME | 1 << KIND_PLACE | 1 << KIND_CONCEPT))
          != 0;
    }
  }

  private static long[] kinded(Stream<String> values, int kind) {
    return values.mapToLong(v -> Hashing.of(v) & ~KIND_MASK | kind).toArray();
  }
}
