package dev.tocsin.enrich.relevance;

import dev.tocsin.enrich.entity.Mention;
import dev.tocsin.enrich.entity.PhraseMatcher;
import dev.tocsin.enrich.event.DetectedEvent;
import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.enrich.profile.WatchProfile.EntityDef;
import dev.tocsin.enrich.profile.WatchProfile.SignalDef;
import dev.tocsin.schemas.EntityType;
import dev.tocsin.schemas.TextField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Scores how strongly a story bears on the watch, in [0, 1], with the rules that fired.
 *
 * <ul>
 *   <li>each watched side mentioned (by state, leader, capital, unit or territory): +0.2; with a
 *       single side the score is capped at 0.3, below any sensible threshold;
 *   <li>a side implied by another entity when the story reports an event (Ukraine implies Russia):
 *       counted as mentioned; a title that names one side with an entity implying the other (the
 *       DPRK with Ukraine, or with its troops sent abroad) counts it too, and that is a relation of
 *       0.2: the DPRK in Ukraine's war is in Russia's;
 *   <li>both sides in the title: +0.05;
 *   <li>each distinct military term, weapon system, place or unit: +0.08, at most 0.24;
 *   <li>an event type of the profile reported: +0.2 (not the types that only describe a story);
 *   <li>both sides named and a relation between them stated (a visit, talks, ties, support, an arms
 *       deal), or both sides named by their leaders or officials: the weight of the strongest
 *       relation group of the profile found (leaders, or a leader at a place of the other side:
 *       0.2), once;
 *   <li>a title that names neither side (when the fields are known) caps the score as one side
 *       does: the story is about something else; so does a title that names one side and a third
 *       state or its leader (China, the United States, Xi, Trump), which is about that pair, unless
 *       the title reports fighting, casualties or prisoners;
 *   <li>each context signal of the profile present: its weight (negative for sports, culture,
 *       history and the like); a negative signal marked background in the lede (history, a parade)
 *       found only outside a title that names both sides and states a relation between them counts
 *       nothing. Negative signals do not outweigh evidence of military cooperation: a story that
 *       names a weapon system or military unit, whose headline names both sides with a defence pact
 *       or military cooperation, or that reports an event of material cooperation, aid, force
 *       posture or fighting (CAMEO roots 06, 07, 15, 18, 19, 20), loses at most {@value
 *       #CONTEXT_CAP_WITH_MILITARY_EVIDENCE} to them; a many-sided setting (a parade) counts
 *       nothing against a headline in which the two sides' leaders, and no third leader, meet or
 *       talk.
 * </ul>
 */
public final class RelevanceScorer {

  private static final double SIDE = 0.2;
  private static final double BOTH_IN_TITLE = 0.05;
  private static final double PER_TERM = 0.08;
  private static final double TERMS_CAP = 0.24;
  private static final double EVENT = 0.2;
  private static final double ONE_SIDE_CAP = 0.3;
  private static final double LEADERS = 0.2;
  private static final double IMPLIED_IN_TITLE = 0.2;
  static final double CONTEXT_CAP_WITH_MILITARY_EVIDENCE = 0.05;
  private static final Set<String> FIGHTING_CAMEO_ROOTS = Set.of("18", "19", "20");
  private static final Set<String> MILITARY_CAMEO_ROOTS =
      Set.of("06", "07", "15", "18", "19", "20");

  private final WatchProfile profile;
  private final Map<String, EntityDef> entities;
  private final PhraseMatcher<SignalDef> signals;
  private final PhraseMatcher<SignalDef> relations;
  private final Set<String> describesOnly;

  /** Creates a scorer for the profile. */
  public RelevanceScorer(WatchProfile profile) {
    this.profile = profile;
    this.entities =
        profile.entities().stream().collect(Collectors.toMap(EntityDef::id, Function.identity()));
    Map<String, List<SignalDef>> byTerm = new LinkedHashMap<>();
    for (SignalDef signal : profile.signals()) {
      for (String term : signal.terms()) {
        byTerm.computeIfAbsent(term, t -> new ArrayList<>()).add(signal);
      }
    }
    this.signals = new PhraseMatcher<>(byTerm);
    Map<String, List<SignalDef>> byCue = new LinkedHashMap<>();
    for (SignalDef relation : profile.relations()) {
      for (String term : relation.terms()) {
        byCue.computeIfAbsent(term, t -> new ArrayList<>()).add(relation);
      }
    }
    this.relations = new PhraseMatcher<>(byCue);
    this.describesOnly =
        profile.events().stream()
            .filter(WatchProfile.EventDef::describesOnly)
            .map(WatchProfile.EventDef::type)
            .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Returns the verdict for a story's text, its mentions and the events found in it, not knowing
   * where each field starts: a relation anywhere in the text counts.
   */
  public RelevanceVerdict score(String text, List<Mention> mentions, List<DetectedEvent> events) {
    return score(text, Map.of(), mentions, events);
  }

  /**
   * Returns the verdict for a story's text (its fields joined), where each field starts in it, its
   * mentions and the events found in it. A relation counts when it is stated in the title or in a
   * sentence that names both sides.
   */
  public RelevanceVerdict score(
      String text,
      Map<TextField, Integer> fieldStarts,
      List<Mention> mentions,
      List<DetectedEvent> found) {
    return score(PhraseMatcher.Text.of(text), fieldStarts, mentions, found);
  }

  /**
   * Returns the verdict for a story's text already read for phrase matching, as {@link
   * #score(String, Map, List, List)} does.
   */
  public RelevanceVerdict score(
      PhraseMatcher.Text read,
      Map<TextField, Integer> fieldStarts,
      List<Mention> mentions,
      List<DetectedEvent> found) {
    String text = read.text();
    // Types that only describe a story (a visit, talks) add nothing: the relation counts instead.
    List<DetectedEvent> events =
        found.stream().filter(e -> !describesOnly.contains(e.type())).toList();
    Sentences sentences = new Sentences(text, fieldStarts);
    Map<Integer, Set<String>> sidesBySentence = new HashMap<>();
    Map<Integer, Set<String>> leadersBySentence = new HashMap<>();
    List<Reason> reasons = new ArrayList<>();
    Map<String, Set<String>> sides = new LinkedHashMap<>();
    Set<String> titleSides = new TreeSet<>();
    Set<String> leaderSides = new TreeSet<>();
    Set<String> placeSides = new TreeSet<>();
    boolean titleLeaders = false;
    Set<String> terms = new TreeSet<>();
    boolean military = false;
    boolean titleThirdState = false;
    boolean titleThirdLeader = false;
    boolean titleMilitaryTerm = false;
    for (Mention m : mentions) {
      EntityDef e = entities.get(m.entityId());
      if (e != null && e.side() != null) {
        sides.computeIfAbsent(e.side(), s -> new TreeSet<>()).add(m.name());
        if (m.field() == TextField.TITLE) {
          titleSides.add(e.side());
        }
        int sentence = sentences.of(m);
        sidesBySentence.computeIfAbsent(sentence, k -> new TreeSet<>()).add(e.side());
        if (m.type() == EntityType.PLACE) {
          placeSides.add(e.side());
        }
        if (m.type() == EntityType.LEADER) {
          titleLeaders |= m.field() == TextField.TITLE;
          leaderSides.add(e.side());
          leadersBySentence.computeIfAbsent(sentence, k -> new TreeSet<>()).add(e.side());
        }
      }
      titleThirdState |=
          e != null
              && e.side() == null
              && e.implies() == null
              && (m.type() == EntityType.STATE || m.type() == EntityType.LEADER)
              && m.field() == TextField.TITLE;
      titleThirdLeader |=
          e != null
              && e.side() == null
              && m.type() == EntityType.LEADER
              && m.field() == TextField.TITLE;
      if (m.type() == EntityType.TERM
          || m.type() == EntityType.WEAPON_SYSTEM
          || m.type() == EntityType.PLACE
          || m.type() == EntityType.MILITARY_UNIT) {
        terms.add(m.name());
      }
      military |= m.type() == EntityType.WEAPON_SYSTEM || m.type() == EntityType.MILITARY_UNIT;
      titleMilitaryTerm |= e != null && e.militaryEvidence() && m.field() == TextField.TITLE;
    }
    // A headline that names both sides with a defence pact or military cooperation states it.
    military |= titleMilitaryTerm && titleSides.size() >= 2;
    for (DetectedEvent e : events) {
      military |=
          e.cameoCode().length() >= 2
              && MILITARY_CAMEO_ROOTS.contains(e.cameoCode().substring(0, 2));
    }
    // A headline that names one side together with what implies the other (the DPRK with Ukraine
    // or with its troops sent abroad) puts that side in the other's war: Ukraine's war is Russia's.
    List<String> impliedInTitle = new ArrayList<>();
    for (Mention m : mentions) {
      EntityDef e = entities.get(m.entityId());
      if (e != null
          && e.implies() != null
          && m.field() == TextField.TITLE
          && !titleSides.contains(e.implies())
          && titleSides.stream().anyMatch(side -> !side.equals(e.implies()))) {
        sides.computeIfAbsent(e.implies(), s -> new TreeSet<>()).add("implied by " + m.name());
        sidesBySentence.computeIfAbsent(Sentences.TITLE, k -> new TreeSet<>()).add(e.implies());
        impliedInTitle.add(m.name() + " implies " + e.implies());
      }
    }
    if (!events.isEmpty()) {
      for (Mention m : mentions) {
        EntityDef e = entities.get(m.entityId());
        if (e != null && e.implies() != null && !sides.containsKey(e.implies())) {
          sides.put(e.implies(), new TreeSet<>(Set.of("implied by " + m.name())));
        }
        if (e != null && e.implies() != null) {
          sidesBySentence.computeIfAbsent(sentences.of(m), k -> new TreeSet<>()).add(e.implies());
        }
      }
    }
    double score = 0;
    for (Map.Entry<String, Set<String>> side : new TreeMap<>(sides).entrySet()) {
      score += SIDE;
      reasons.add(new Reason("actor:" + side.getKey(), String.join(", ", side.getValue()), SIDE));
    }
    if (titleSides.size() >= 2) {
      score += BOTH_IN_TITLE;
      reasons.add(new Reason("title", "both sides in the title", BOTH_IN_TITLE));
    }
    double termScore = Math.min(TERMS_CAP, PER_TERM * terms.size());
    if (termScore > 0) {
      score += termScore;
      reasons.add(new Reason("military-context", String.join(", ", terms), termScore));
    }
    if (!events.isEmpty()) {
      score += EVENT;
      reasons.add(
          new Reason(
              "event",
              events.stream().map(DetectedEvent::type).collect(Collectors.joining(", ")),
              EVENT));
    }
    if (sides.size() >= 2) {
      Map<String, SignalDef> stated = new LinkedHashMap<>();
      for (PhraseMatcher.Hit<SignalDef> hit : relations.find(read)) {
        int sentence = sentences.at(hit.start());
        if (sentences.unknown() || sidesBySentence.getOrDefault(sentence, Set.of()).size() >= 2) {
          stated.putIfAbsent(hit.value().id(), hit.value());
        }
      }
      List<String> relation = new ArrayList<>(stated.keySet());
      double strongest = stated.values().stream().mapToDouble(SignalDef::weight).max().orElse(0);
      // Leaders or officials of both sides named together: they met, talked or wrote.
      boolean leadersTogether =
          sentences.unknown()
              ? leaderSides.size() >= 2
              : leadersBySentence.values().stream().anyMatch(l -> l.size() >= 2);
      if (leadersTogether) {
        relation.add("leaders of both sides");
        strongest = Math.max(strongest, LEADERS);
      }
      // A leader of one side at a place of the other: a visit.
      boolean visit = false;
      for (String leader : leaderSides) {
        visit |= placeSides.stream().anyMatch(place -> !place.equals(leader));
      }
      if (visit) {
        relation.add("leader at the other side's place");
        strongest = Math.max(strongest, LEADERS);
      }
      if (!impliedInTitle.isEmpty()) {
        relation.add(String.join(", ", new TreeSet<>(impliedInTitle)));
        strongest = Math.max(strongest, IMPLIED_IN_TITLE);
      }
      if (strongest > 0) {
        score += strongest;
        reasons.add(new Reason("relation", String.join(", ", relation), strongest));
      }
    }
    // A relation the headline states between the two sides it names is what the story is about;
    // a context signal only its lede carries (a history paragraph, a parade) is background.
    boolean titleRelation = false;
    // Leaders of both sides named in the headline that says they meet or talk: a bilateral
    // meeting, whatever many-sided event (a parade, a summit) it took place at. With a third
    // leader named beside them the talk may be three-way: the many-sided signal stands.
    boolean titleLeadersMeet = false;
    if (!sentences.unknown() && titleSides.size() >= 2) {
      boolean bothLeaders =
          leadersBySentence.getOrDefault(Sentences.TITLE, Set.of()).size() >= 2
              && !titleThirdLeader;
      for (PhraseMatcher.Hit<SignalDef> hit : relations.find(read)) {
        boolean inTitle = sentences.at(hit.start()) == Sentences.TITLE;
        titleRelation |= inTitle;
        titleLeadersMeet |= inTitle && bothLeaders && hit.value().leadersMeet();
      }
    }
    Map<String, SignalDef> fired = new LinkedHashMap<>();
    Set<String> firedInTitle = new TreeSet<>();
    for (PhraseMatcher.Hit<SignalDef> hit : signals.find(read)) {
      fired.putIfAbsent(hit.value().id(), hit.value());
      if (sentences.at(hit.start()) == Sentences.TITLE) {
        firedInTitle.add(hit.value().id());
      }
    }
    double context = 0;
    for (SignalDef signal : fired.values()) {
      if (signal.exceptLeaders() && titleLeaders) {
        reasons.add(
            new Reason("signal:" + signal.id(), signal.id() + " (a leader in the title)", 0));
        continue;
      }
      if (signal.weight() < 0 && signal.holdsAgainstMilitary() && titleLeadersMeet) {
        reasons.add(
            new Reason(
                "signal:" + signal.id(),
                signal.id() + " (the two sides' leaders meet in the headline)",
                0));
        continue;
      }
      if (signal.weight() < 0
          && signal.backgroundInLede()
          && titleRelation
          && !firedInTitle.contains(signal.id())) {
        reasons.add(
            new Reason(
                "signal:" + signal.id(),
                signal.id() + " (outside a headline that states a relation)",
                0));
        continue;
      }
      double weight = signal.weight();
      if (weight < 0 && military && !signal.holdsAgainstMilitary()) {
        weight = Math.max(weight, -CONTEXT_CAP_WITH_MILITARY_EVIDENCE - context);
        context += weight;
      }
      score += weight;
      reasons.add(
          new Reason(
              "signal:" + signal.id(),
              weight == signal.weight()
                  ? signal.id()
                  : signal.id() + " (limited by military evidence)",
              weight));
    }
    if (sides.size() < 2 && score > ONE_SIDE_CAP) {
      reasons.add(
          new Reason(
              "one-side-only", "only " + sides.keySet() + " mentioned", ONE_SIDE_CAP - score));
      score = ONE_SIDE_CAP;
    }
    // A headline names what a story is about: one that names neither side is about something
    // else, whatever its lede mentions in passing. Ukraine alone in it is a story of the war, not
    // of the DPRK's part in it, unless the headline reports fighting, casualties or prisoners.
    if (!sentences.unknown()
        && titleSides.isEmpty()
        && !fightingInTitle(text, sentences, events)
        && score > ONE_SIDE_CAP) {
      reasons.add(
          new Reason("title-names-neither-side", "no side in the title", ONE_SIDE_CAP - score));
      score = ONE_SIDE_CAP;
    }
    // A headline that pairs one side with a third state (Kim and Xi, the US and North Korea) is
    // about that pair; the other side named in its lede is background.
    if (!sentences.unknown()
        && sidesBySentence.getOrDefault(Sentences.TITLE, Set.of()).size() == 1
        && titleThirdState
        && !fightingInTitle(text, sentences, events)
        && score > ONE_SIDE_CAP) {
      reasons.add(
          new Reason(
              "title-pairs-a-third-state",
              "one side and a third state in the title",
              ONE_SIDE_CAP - score));
      score = ONE_SIDE_CAP;
    }
    score = Math.max(0.0, Math.min(1.0, score));
    return new RelevanceVerdict(score, score >= profile.relevanceThreshold(), reasons);
  }

  // Fighting, casualties and prisoners in the headline put the DPRK's troops in Russia's war,
  // whichever third state the headline also names (a captured soldier asking to go to Seoul).
  private static boolean fightingInTitle(
      String text, Sentences sentences, List<DetectedEvent> events) {
    String title = text.substring(0, sentences.titleEnd()).toLowerCase(Locale.ROOT);
    return events.stream()
        .anyMatch(
            e ->
                e.cameoCode().length() >= 2
                    && FIGHTING_CAMEO_ROOTS.contains(e.cameoCode().substring(0, 2))
                    && e.evidence() != null
                    && title.contains(e.evidence().toLowerCase(Locale.ROOT)));
  }

  // The title is one region; the rest of the text is cut into sentences at . ! ? … and line ends.
  private static final class Sentences {

    static final int TITLE = 0;

    private final Map<TextField, Integer> fieldStarts;
    private final int titleEnd;
    private final List<Integer> ends = new ArrayList<>();

    Sentences(String text, Map<TextField, Integer> fieldStarts) {
      this.fieldStarts = fieldStarts;
      this.titleEnd = fieldStarts.isEmpty() ? text.length() : firstLineEnd(text);
      for (int i = titleEnd + 1; i < text.length(); i++) {
        char c = text.charAt(i);
        boolean boundary =
            c == '\n'
                || ((c == '.' || c == '!' || c == '?' || c == '…' || c == '。')
                    && (i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1))));
        if (boundary) {
          ends.add(i);
        }
      }
    }

    int titleEnd() {
      return titleEnd;
    }

    boolean unknown() {
      return fieldStarts.isEmpty();
    }

    int of(Mention m) {
      if (m.field() == TextField.TITLE) {
        return TITLE;
      }
      Integer start = fieldStarts.get(m.field());
      return start == null ? -1 : at(start + m.start());
    }

    int at(int offset) {
      if (offset < titleEnd) {
        return TITLE;
      }
      int index = Collections.binarySearch(ends, offset);
      return 1 + (index >= 0 ? index : -index - 1);
    }

    private static int firstLineEnd(String text) {
      int newline = text.indexOf('\n');
      return newline < 0 ? text.length() : newline;
    }
  }
}
