package dev.tocsin.alerting.escalation;

import dev.tocsin.schemas.Event;
import dev.tocsin.schemas.Reason;
import dev.tocsin.schemas.StoryCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Scores a cluster's escalation from its event, corroboration, provenance and relevance. */
public final class EscalationScorer {

  private final EscalationPolicy policy;

  /** Creates a scorer with the given policy. */
  public EscalationScorer(EscalationPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** Returns the policy this scorer applies. */
  public EscalationPolicy policy() {
    return policy;
  }

  /**
   * Returns the event a cluster reports, the one its alert and surge series name: its main event
   * (its earliest report's lead event), else, in records of writers before it was kept, its
   * strongest. The escalation score weighs the strongest event: the worst thing a cluster reports
   * sets how much it matters, what it leads with says what it is.
   */
  public static Event reportedEvent(StoryCluster cluster) {
    return cluster.getMainEvent() != null ? cluster.getMainEvent() : cluster.getStrongestEvent();
  }

  /** Returns the escalation of a cluster with every contribution as a reason. */
  public Escalation score(StoryCluster cluster) {
    Objects.requireNonNull(cluster, "cluster");
    List<Reason> reasons = new ArrayList<>();
    double score = 0;
    Event event = cluster.getStrongestEvent();
    if (event != null) {
      // Cooperation between the watched states is escalation for the watch, whatever its sign.
      double part = policy.eventWeight() * Math.min(1.0, Math.abs(event.getGoldstein()) / 10.0);
      score += part;
      reasons.add(
          reason(
              "event:" + event.getType(),
              String.format(
                  Locale.ROOT,
                  "CAMEO %s, Goldstein %+.1f",
                  event.getCameoCode(),
                  event.getGoldstein()),
              part));
      if (event.getSourceActor() != null && event.getTargetActor() != null) {
        score += policy.directionWeight();
        reasons.add(
            reason(
                "actors",
                event.getSourceActor() + " -> " + event.getTargetActor(),
                policy.directionWeight()));
      }
    }
    double relevance = policy.relevanceWeight() * cluster.getRelevance();
    score += relevance;
    reasons.add(
        reason(
            "relevance",
            String.format(Locale.ROOT, "on-watch relevance %.2f", cluster.getRelevance()),
            relevance));
    if (cluster.getIndependentSources() >= 2) {
      score += policy.corroborationWeight();
      reasons.add(
          reason(
              "corroborated",
              cluster.getIndependentSources() + " independent sources: " + cluster.getSources(),
              policy.corroborationWeight()));
    } else {
      reasons.add(reason("single-source", "only " + cluster.getSources(), 0));
    }
    if (cluster.getProvenance().getStateMediaOnly()) {
      double before = score;
      score *= policy.stateMediaOnlyFactor();
      reasons.add(
          reason(
              "state-media-claim",
              "every source is state media " + cluster.getProvenance().getStateMedia(),
              score - before));
    }
    score = Math.max(0, Math.min(1, score));
    return new Escalation(score, policy.levelOf(score), reasons);
  }

  private static Reason reason(String code, String detail, double weight) {
    return new Reason(code, detail, Math.round(weight * 1000) / 1000.0);
  }
}
