package dev.tocsin.alerting.mute;

import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Silence;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The silences read from {@code tocsin.silences}, by id, with their matchers compiled: answers
 * which silence, if any, holds back an alert at an instant.
 */
public final class SilenceSet {

  private static final Logger LOG = LoggerFactory.getLogger(SilenceSet.class);

  private final Map<String, Compiled> silences = new LinkedHashMap<>();

  /** A silence with its matchers compiled. */
  private record Compiled(Silence silence, List<AlertMatcher> matchers) {}

  /**
   * Adds or replaces the silence {@code id}; a null silence (a tombstone) removes it. A silence
   * whose matchers do not compile is logged and dropped; one with no matchers silences nothing.
   */
  public void put(String id, Silence silence) {
    Objects.requireNonNull(id, "id");
    if (silence == null) {
      silences.remove(id);
      return;
    }
    try {
      List<AlertMatcher> matchers =
          silence.getMatchers().stream().map(AlertMatcher::fromAvro).toList();
      silences.put(id, new Compiled(silence, matchers));
    } catch (IllegalArgumentException e) {
      LOG.warn("Ignoring silence {}: {}", id, e.getMessage());
      silences.remove(id);
    }
  }

  /** Returns the active silence that holds back {@code alert} at {@code now}, if one does. */
  public Optional<Silence> silencing(EscalationAlert alert, Instant now) {
    for (Compiled c : silences.values()) {
      if (!c.matchers().isEmpty()
          && SilenceState.of(c.silence(), now) == SilenceState.ACTIVE
          && c.matchers().stream().allMatch(m -> m.matches(alert))) {
        return Optional.of(c.silence());
      }
    }
    return Optional.empty();
  }

  /** Returns how many silences the set holds, in any state. */
  public int size() {
    return silences.size();
  }
}
