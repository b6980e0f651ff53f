package dev.tocsin.alerting.topology;

import dev.tocsin.alerting.escalation.EscalationPolicy;
import dev.tocsin.alerting.surge.SurgeSettings;
import dev.tocsin.platform.config.Setting;
import dev.tocsin.platform.config.Setting.Type;
import dev.tocsin.platform.config.SettingValues;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

  /** The settings of the alerting topology, in the order of the documentation's table. */
  public static final List<Setting> DEFINED =
      List.of(
          Setting.of(
              "TOCSIN_ALERTING_QUIET_PERIOD",
              "24h",
              null,
              "an alert whose cluster has had no new story for this long is resolved (RESOLVED on"
                  + " `tocsin.alerts`; PagerDuty and Alertmanager resolve it too); a cluster that"
                  + " comes back fires again with the next version",
              Type.DURATION),
          Setting.of(
              "TOCSIN_ALERTING_RUNBOOK_URL",
              null,
              "unset: no link",
              "runbook link put on every alert (`runbookUrl`; Slack shows it, Alertmanager gets"
                  + " it as the `runbook_url` annotation)",
              Type.URL));

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

  /**
   * Reads {@code TOCSIN_ALERTING_*} from the configuration in force (keyed by environment variable)
   * over {@link #defaults()}; fails naming the variable and its bad value. Surges stay the
   * defaults: the caller sets those of its watch profile.
   */
  public static AlertSettings fromEnvironment(Map<String, String> env) {
    AlertSettings d = defaults();
    SettingValues values = new SettingValues(DEFINED, env);
    String runbook = values.text("TOCSIN_ALERTING_RUNBOOK_URL");
    if (runbook != null) {
      d = d.withPolicy(d.policy().withRunbookUrl(runbook));
    }
    try {
      return d.withQuietPeriod(values.duration("TOCSIN_ALERTING_QUIET_PERIOD", d.quietPeriod()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("TOCSIN_ALERTING_QUIET_PERIOD: " + e.getMessage(), e);
    }
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
