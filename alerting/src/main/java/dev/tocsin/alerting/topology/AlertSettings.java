package dev.tocsin.alerting.topology;

import dev.tocsin.alerting.escalation.EscalationPolicy;
import java.util.Objects;

/**
 * Settings of the alerting topology.
 *
 * @param policy escalation weights and thresholds
 * @param profileId id of the watch profile, carried on every alert
 */
public record AlertSettings(EscalationPolicy policy, String profileId) {

  /** Validates the settings. */
  public AlertSettings {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(profileId, "profileId");
  }

  /** Returns the defaults of the russia-dprk watch. */
  public static AlertSettings defaults() {
    return new AlertSettings(EscalationPolicy.defaults(), "russia-dprk");
  }
}
