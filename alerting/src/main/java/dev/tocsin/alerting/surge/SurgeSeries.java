package dev.tocsin.alerting.surge;

import dev.tocsin.alerting.escalation.EscalationScorer;
import dev.tocsin.schemas.Event;
import dev.tocsin.schemas.StoryCluster;
import java.util.ArrayList;
import java.util.List;

/**
 * Names the surge series a cluster counts in: the type and actor pair of the event it reports
 * ({@link EscalationScorer#reportedEvent}).
 */
public final class SurgeSeries {

  /** Prefix of the event-type series, e.g. {@code eventType:munitions-transfer}. */
  public static final String EVENT_TYPE = "eventType:";

  /** Prefix of the actor-pair series, source first, e.g. {@code actors:PRK->RUS}. */
  public static final String ACTORS = "actors:";

  private SurgeSeries() {}

  /** Returns the series of a cluster; none when it reports no event. */
  public static List<String> of(StoryCluster cluster) {
    Event event = EscalationScorer.reportedEvent(cluster);
    List<String> series = new ArrayList<>(2);
    if (event == null) {
      return series;
    }
    series.add(EVENT_TYPE + event.getType());
    if (event.getSourceActor() != null && event.getTargetActor() != null) {
      series.add(ACTORS + event.getSourceActor() + "->" + event.getTargetActor());
    }
    return series;
  }
}
