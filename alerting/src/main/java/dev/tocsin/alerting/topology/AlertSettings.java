package dev.tocsin.alerting.topology;

import dev.tocsin.alerting.escalation.EscalationPolicy;
import dev.tocsin.alerting.surge.SurgeSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the alerting topology.
 *
 * @param policy escalation weights and thresholds
 * @param profileId id of the watch profile, carried on every alert
 * @param quietPeriod an alert whose cluster has had no new story for this long is resolved
 * @param surge surge detection, from the profile's {@code surge:} section
 */
public record AlertSettings(
    EscalationPolicy policy, String profileId, Duration quietPeriod, SurgeSettings surge) {

  /** Validates the settings. */
  public AlertSettings {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(quietPeriod, "quietPeriod");
    Objects.requireNonNull(surge, "surge");
    if (quietPeriod.isNegative() || quietPeriod.isZero()) {
      throw new IllegalArgumentException("quietPeriod must be positive: " + quietPeriod);
    }
  }

  /**
   * Returns the defaults of the russia-dprk watch: alerts resolve after 24 quiet hours; surges as
   * {@link SurgeSettings#defaults()}.
   */
  public static AlertSettings defaults() {
    return new AlertSettings(
        EscalationPolicy.defaults(), "russia-dprk", Duration.ofHours(24), SurgeSettings.defaults());
  }

  /** Returns these settings with another quiet period. */
  public AlertSettings withQuietPeriod(Duration period) {
    return new AlertSettings(policy, profileId, period, surge);
  }

  /** Returns these settings with other surge settings. */
  public AlertSettings withSurge(SurgeSettings settings) {
    return new AlertSettings(policy, profileId, quietPeriod, settings);
  }

  /** Returns these settings with another escalation policy. */
  public AlertSettings withPolicy(EscalationPolicy other) {
    return new AlertSettings(other, profileId, quietPeriod, surge);
  }
}
