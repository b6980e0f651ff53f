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
import java.util.LinkedHashMap;
import java.util.List;
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
 *       counted as mentioned;
 *   <li>both sides in the title: +0.05;
 *   <li>each distinct military term, weapon system, place or unit: +0.08, at most 0.24;
 *   <li>an event type of the profile reported: +0.2;
 *   <li>each context signal of the profile present: its weight (negative for sports, culture,
 *       history and the like).
 * </ul>
 */
public final class RelevanceScorer {

  private static final double SIDE = 0.2;
  private static final double BOTH_IN_TITLE = 0.05;
  private static final double PER_TERM = 0.08;
  private static final double TERMS_CAP = 0.24;
  private static final double EVENT = 0.2;
  private static final double ONE_SIDE_CAP = 0.3;

  private final WatchProfile profile;
  private final Map<String, EntityDef> entities;
  private final PhraseMatcher<SignalDef> signals;

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
  }

  /** Returns the verdict for a story's text, its mentions and the events found in it. */
  public RelevanceVerdict score(String text, List<Mention> mentions, List<DetectedEvent> events) {
    List<Reason> reasons = new ArrayList<>();
    Map<String, Set<String>> sides = new LinkedHashMap<>();
    Set<String> titleSides = new TreeSet<>();
    Set<String> terms = new TreeSet<>();
    for (Mention m : mentions) {
      EntityDef e = entities.get(m.entityId());
      if (e != null && e.side() != null) {
        sides.computeIfAbsent(e.side(), s -> new TreeSet<>()).add(m.name());
        if (m.field() == TextField.TITLE) {
          titleSides.add(e.side());
        }
      }
      if (m.type() == EntityType.TERM
          || m.type() == EntityType.WEAPON_SYSTEM
          || m.type() == EntityType.PLACE
          || m.type() == EntityType.MILITARY_UNIT) {
        terms.add(m.name());
      }
    }
    if (!events.isEmpty()) {
      for (Mention m : mentions) {
        EntityDef e = entities.get(m.entityId());
        if (e != null && e.implies() != null && !sides.containsKey(e.implies())) {
          sides.put(e.implies(), new TreeSet<>(Set.of("implied by " + m.name())));
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
    Map<String, SignalDef> fired = new LinkedHashMap<>();
    for (PhraseMatcher.Hit<SignalDef> hit : signals.find(text)) {
      fired.putIfAbsent(hit.value().id(), hit.value());
    }
    for (SignalDef signal : fired.values()) {
      score += signal.weight();
      reasons.add(new Reason("signal:" + signal.id(), signal.id(), signal.weight()));
    }
    if (sides.size() < 2 && score > ONE_SIDE_CAP) {
      reasons.add(
          new Reason(
              "one-side-only", "only " + sides.keySet() + " mentioned", ONE_SIDE_CAP - score));
      score = ONE_SIDE_CAP;
    }
    score = Math.max(0.0, Math.min(1.0, score));
    return new RelevanceVerdict(score, score >= profile.relevanceThreshold(), reasons);
  }
}
