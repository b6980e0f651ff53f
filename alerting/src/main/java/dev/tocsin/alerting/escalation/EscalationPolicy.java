package dev.tocsin.alerting.escalation;

import dev.tocsin.schemas.AlertLevel;
import java.util.Objects;

/**
 * Weights and thresholds of the escalation score.
 *
 * @param eventWeight weight of the strongest event's Goldstein magnitude (|value| / 10)
 * @param relevanceWeight weight of the cluster's relevance
 * @param corroborationWeight weight given when two or more independent sources report it
 * @param directionWeight weight given when the text says who acts on whom
 * @param stateMediaOnlyFactor multiplier applied when every source is state media (a claim)
 * @param elevatedAt score from which the level is elevated
 * @param highAt score from which the level is high
 * @param criticalAt score from which the level is critical
 * @param fireAt lowest level that opens an alert
 * @param runbookUrl link put on every alert, may be null
 */
public record EscalationPolicy(
    double eventWeight,
    double relevanceWeight,
    double corroborationWeight,
    double directionWeight,
    double stateMediaOnlyFactor,
    double elevatedAt,
    double highAt,
    double criticalAt,
    AlertLevel fireAt,
    String runbookUrl) {

  /** Validates the policy. */
  public EscalationPolicy {
    Objects.requireNonNull(fireAt, "fireAt");
    if (!(elevatedAt < highAt && highAt < criticalAt)) {
      throw new IllegalArgumentException(
          "thresholds must rise: elevated "
              + elevatedAt
              + " < high "
              + highAt
              + " < critical "
              + criticalAt);
    }
  }

  /** Returns the default policy of the russia-dprk watch. */
  public static EscalationPolicy defaults() {
    return new EscalationPolicy(
        0.45, 0.30, 0.15, 0.10, 0.7, 0.45, 0.65, 0.85, AlertLevel.ELEVATED, null);
  }

  /** Returns the level a score reaches. */
  public AlertLevel levelOf(double score) {
    if (score >= criticalAt) {
      return AlertLevel.CRITICAL;
    }
    if (score >= highAt) {
      return AlertLevel.HIGH;
    }
    if (score >= elevatedAt) {
      return AlertLevel.ELEVATED;
    }
    return AlertLevel.INFO;
  }

  /** Returns this policy with another runbook link (null for none). */
  public EscalationPolicy withRunbookUrl(String url) {
    return new EscalationPolicy(
        eventWeight,
        relevanceWeight,
        corroborationWeight,
        directionWeight,
        stateMediaOnlyFactor,
        elevatedAt,
        highAt,
        criticalAt,
        fireAt,
        url);
  }
}
