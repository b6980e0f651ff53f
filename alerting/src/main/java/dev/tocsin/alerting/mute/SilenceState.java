package dev.tocsin.alerting.mute;

import dev.tocsin.schemas.Silence;
import java.time.Instant;

/** Where a silence stands at an instant: not yet started, holding back, or over. */
public enum SilenceState {
  /** {@code now < startsAt}. */
  PENDING,
  /** {@code startsAt <= now < endsAt}. */
  ACTIVE,
  /** {@code endsAt <= now}. */
  EXPIRED;

  /** Returns the state of {@code silence} at {@code now}. */
  public static SilenceState of(Silence silence, Instant now) {
    if (!now.isBefore(silence.getEndsAt())) {
      return EXPIRED;
    }
    return now.isBefore(silence.getStartsAt()) ? PENDING : ACTIVE;
  }
}
