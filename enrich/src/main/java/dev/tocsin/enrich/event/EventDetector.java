package dev.tocsin.enrich.event;

import dev.tocsin.enrich.entity.PhraseMatcher;
import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.enrich.profile.WatchProfile.DirectionDef;
import dev.tocsin.enrich.profile.WatchProfile.EventDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the profile's event types by their trigger phrases, once each per story, in the profile's
 * order (most specific first), with the actor pair and direction the text states.
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
    Map<String, PhraseMatcher.Hit<EventDef>> first = new HashMap<>();
    Map<String, Integer> hits = new HashMap<>();
    for (PhraseMatcher.Hit<EventDef> hit : triggers.find(text)) {
      first.putIfAbsent(hit.value().type(), hit);
      hits.merge(hit.value().type(), 1, Integer::sum);
    }
    if (first.isEmpty()) {
      return List.of();
    }
    DirectionDef stated = statedDirection(text);
    List<DetectedEvent> found = new ArrayList<>();
    for (EventDef e : order) {
      PhraseMatcher.Hit<EventDef> hit = first.get(e.type());
      if (hit == null) {
        continue;
      }
      String source = e.source();
      String target = e.target();
      // Only directed event types take the direction the text states; a summit has none.
      if (source != null && target != null && stated != null) {
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

  // The direction most cues state; none when they are tied.
  private DirectionDef statedDirection(String text) {
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
