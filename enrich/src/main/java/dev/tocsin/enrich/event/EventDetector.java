package dev.tocsin.enrich.event;

import dev.tocsin.enrich.entity.PhraseMatcher;
import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.enrich.profile.WatchProfile.EventDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds the profile's event types by their trigger phrases, once each per story. */
public final class EventDetector {

  private final PhraseMatcher<EventDef> matcher;

  /** Builds the detector from the profile's triggers. */
  public EventDetector(WatchProfile profile) {
    Map<String, List<EventDef>> dictionary = new LinkedHashMap<>();
    for (EventDef event : profile.events()) {
      for (String trigger : event.triggers()) {
        dictionary.computeIfAbsent(trigger, t -> new ArrayList<>()).add(event);
      }
    }
    this.matcher = new PhraseMatcher<>(dictionary);
  }

  /** Returns the events {@code text} reports, in order of first trigger. */
  public List<DetectedEvent> detect(String text) {
    Map<String, DetectedEvent> found = new LinkedHashMap<>();
    for (PhraseMatcher.Hit<EventDef> hit : matcher.find(text)) {
      EventDef e = hit.value();
      found.putIfAbsent(
          e.type(),
          new DetectedEvent(
              e.type(),
              e.cameo(),
              e.goldstein(),
              e.source(),
              e.target(),
              0.8,
              text.substring(hit.start(), hit.end())));
    }
    return List.copyOf(found.values());
  }
}
