package dev.tocsin.enrich.event;

import dev.tocsin.enrich.entity.PhraseMatcher;
import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.enrich.profile.WatchProfile.DirectionDef;
import dev.tocsin.enrich.profile.WatchProfile.EventDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the profile's event types by their trigger phrases, once each per story, with the actor
 * pair and direction the text states. The main event (the first returned) is the one the story
 * leads with: a type triggered in the title comes before one triggered only in the first sentence
 * after it, and that before the rest; within each, the profile's order (most specific first).
 */
public final class EventDetector {

  private final List<EventDef> order;
  private final PhraseMatcher<EventDef> triggers;
  private final PhraseMatcher<DirectionDef> directions;

  /** Builds the detector from the profile's triggers and direction cues. */
  public EventDetector(WatchProfile profile) {
    this.order = profile.events();
    Map<String, List<EventDef>> byTrigger = new LinkedHashMap<>();
    for (EventDef event : profile.events()) {
      for (String trigger : event.triggers()) {
        byTrigger.computeIfAbsent(trigger, t -> new ArrayList<>()).add(event);
      }
    }
    this.triggers = new PhraseMatcher<>(byTrigger);
    Map<String, List<DirectionDef>> byCue = new LinkedHashMap<>();
    for (DirectionDef direction : profile.directions()) {
      for (String cue : direction.cues()) {
        byCue.computeIfAbsent(cue, c -> new ArrayList<>()).add(direction);
      }
    }
    this.directions = new PhraseMatcher<>(byCue);
  }

  /** Returns the events {@code text} reports, most specific first. */
  public List<DetectedEvent> detect(String text) {
    return detect(PhraseMatcher.Text.of(text));
  }

  /** Returns the events {@code read} reports, most specific first. */
  public List<DetectedEvent> detect(PhraseMatcher.Text read) {
    String text = read.text();
    Map<String, PhraseMatcher.Hit<EventDef>> first = new HashMap<>();
    Map<String, Integer> hits = new HashMap<>();
    for (PhraseMatcher.Hit<EventDef> hit : triggers.find(read)) {
      first.merge(hit.value().type(), hit, (a, b) -> b.start() < a.start() ? b : a);
      hits.merge(hit.value().type(), 1, Integer::sum);
    }
    if (first.isEmpty()) {
      return List.of();
    }
    DirectionDef stated = statedDirection(read);
    int titleEnd = lineEnd(text, 0);
    int leadEnd = sentenceEnd(text, titleEnd + 1);
    List<DetectedEvent> found = new ArrayList<>();
    List<EventDef> ranked = new ArrayList<>(order);
    ranked.sort(
        Comparator.comparingInt(
            e -> {
              PhraseMatcher.Hit<EventDef> hit = first.get(e.type());
              if (hit == null) {
                return 3;
              }
              return hit.start() < titleEnd ? 0 : hit.start() < leadEnd ? 1 : 2;
            }));
    for (EventDef e : ranked) {
      PhraseMatcher.Hit<EventDef> hit = first.get(e.type());
      if (hit == null) {
        continue;
      }
      String source = e.source();
      String target = e.target();
      // Only directed event types take the direction the text states; a summit has none, and
      // DPRK troops fighting for Russia do not change sides when the text speaks of supplies.
      if (source != null && target != null && stated != null && !e.fixedDirection()) {
        source = stated.source();
        target = stated.target();
      }
      double confidence = Math.min(0.95, 0.6 + 0.15 * hits.get(e.type()));
      found.add(
          new DetectedEvent(
              e.type(),
              e.cameo(),
              e.goldstein(),
              source,
              target,
              confidence,
              text.substring(hit.start(), hit.end())));
    }
    return List.copyOf(found);
  }

  private static int lineEnd(String text, int from) {
    int newline = text.indexOf('\n', from);
    return newline < 0 ? text.length() : newline;
  }

  // The end of the sentence that starts at {@code from}: . ! ? … followed by a space, or a line
  // end.
  private static int sentenceEnd(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        return i;
      }
      if ((c == '.' || c == '!' || c == '?' || c == '…' || c == '。')
          && (i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
        return i + 1;
      }
    }
    return text.length();
  }

  // The direction most cues state; none when they are tied.
  private DirectionDef statedDirection(PhraseMatcher.Text text) {
    Map<DirectionDef, Integer> votes = new LinkedHashMap<>();
    for (PhraseMatcher.Hit<DirectionDef> hit : directions.find(text)) {
      votes.merge(hit.value(), 1, Integer::sum);
    }
    DirectionDef best = null;
    int bestVotes = 0;
    boolean tie = false;
    for (Map.Entry<DirectionDef, Integer> vote : votes.entrySet()) {
      if (vote.getValue() > bestVotes) {
        best = vote.getKey();
        bestVotes = vote.getValue();
        tie = false;
      } else if (vote.getValue() == bestVotes) {
        tie = true;
      }
    }
    return tie ? null : best;
  }
}
