package dev.tocsin.alerting.escalation;

import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.Reason;
import java.util.List;

/** The escalation score of a cluster, its level and the breakdown that explains it. */
public record Escalation(double score, AlertLevel level, List<Reason> reasons) {

  /** Copies the reasons. */
  public Escalation {
    reasons = List.copyOf(reasons);
  }
}
