package dev.tocsin.alerting.topology;

import dev.tocsin.alerting.escalation.Escalation;
import dev.tocsin.alerting.escalation.EscalationScorer;
import dev.tocsin.alerting.state.AlertState;
import dev.tocsin.schemas.AlertKind;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Event;
import dev.tocsin.schemas.Evidence;
import dev.tocsin.schemas.StoryCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Opens an alert when a cluster's level first reaches the firing level, updates it only when the
 * level rises or new independent corroboration arrives, and resolves it when the cluster has been
 * quiet (no new story) for the quiet period; a resolved cluster that comes back fires again with
 * the next version.
 */
final class AlertLifecycleProcessor
    implements Processor<String, StoryCluster, String, EscalationAlert> {

  static final int SUMMARY_LIMIT = 1024;

  /** How often open alerts are checked for quiet clusters (wall-clock time). */
  static final Duration RESOLVE_CHECK = Duration.ofMinutes(1);

  private final EscalationScorer scorer;
  private final String profileId;
  private final Duration quietPeriod;
  private final AlertMetrics metrics;
  private ProcessorContext<String, EscalationAlert> context;
  private KeyValueStore<String, AlertState> alerts;

  AlertLifecycleProcessor(
      EscalationScorer scorer, String profileId, Duration quietPeriod, AlertMetrics metrics) {
    this.scorer = scorer;
    this.profileId = profileId;
    this.quietPeriod = quietPeriod;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, EscalationAlert> context) {
    this.context = context;
    this.alerts = context.getStateStore(AlertTopology.ALERT_STORE);
    context.schedule(RESOLVE_CHECK, PunctuationType.WALL_CLOCK_TIME, this::resolveQuiet);
  }

  /** Resolves the open alerts whose clusters have had no new story for the quiet period. */
  void resolveQuiet(long wallClock) {
    Instant now = Instant.ofEpochMilli(wallClock);
    Instant quietSince = now.minus(quietPeriod);
    List<KeyValue<String, AlertState>> quiet = new ArrayList<>();
    try (KeyValueIterator<String, AlertState> all = alerts.all()) {
      while (all.hasNext()) {
        KeyValue<String, AlertState> entry = all.next();
        Instant last = entry.value.getLastActivityAt();
        if (entry.value.getAlert().getStatus() != AlertStatus.RESOLVED
            && last != null
            && !last.isAfter(quietSince)) {
          quiet.add(entry);
        }
      }
    }
    for (KeyValue<String, AlertState> entry : quiet) {
      EscalationAlert open = entry.value.getAlert();
      EscalationAlert resolved =
          EscalationAlert.newBuilder(open)
              .setVersion(open.getVersion() + 1)
              .setStatus(AlertStatus.RESOLVED)
              .setUpdatedAt(now)
              .build();
      alerts.put(entry.key, new AlertState(resolved, entry.value.getLastActivityAt()));
      context.forward(new Record<>(entry.key, resolved, wallClock));
      metrics.produced(resolved, null);
    }
  }

  @Override
  public void process(Record<String, StoryCluster> record) {
    StoryCluster cluster = record.value();
    String key = "cluster:" + cluster.getClusterId();
    Escalation escalation = scorer.score(cluster);
    AlertState state = alerts.get(key);
    EscalationAlert previous = state == null ? null : state.getAlert();
    Instant now = Instant.ofEpochMilli(record.timestamp());
    EscalationAlert next;
    if (previous == null || previous.getStatus() == AlertStatus.RESOLVED) {
      if (escalation.level().ordinal() < scorer.policy().fireAt().ordinal()) {
        return;
      }
      int version = previous == null ? 1 : previous.getVersion() + 1;
      next = alert(key, version, AlertStatus.FIRING, cluster, escalation, now, now);
    } else {
      boolean rose = escalation.level().ordinal() > previous.getLevel().ordinal();
      boolean corroborated =
          cluster.getIndependentSources() > previous.getEvidence().getIndependentSources();
      if (!rose && !corroborated) {
        // Still news: the quiet period starts again.
        alerts.put(key, new AlertState(previous, now));
        return;
      }
      next =
          alert(
              key,
              previous.getVersion() + 1,
              AlertStatus.UPDATED,
              cluster,
              escalation,
              previous.getFiredAt(),
              now);
    }
    alerts.put(key, new AlertState(next, now));
    context.forward(new Record<>(key, next, record.timestamp()));
    // A cluster's updatedAt is the stories.raw timestamp of the story that changed it last: the
    // time ingest wrote it. Streams' system time is the wall clock (mocked in TopologyTestDriver).
    metrics.produced(
        next,
        Duration.ofMillis(context.currentSystemTimeMs() - cluster.getUpdatedAt().toEpochMilli()));
  }

  private EscalationAlert alert(
      String key,
      int version,
      AlertStatus status,
      StoryCluster cluster,
      Escalation escalation,
      Instant firedAt,
      Instant now) {
    Event event = EscalationScorer.reportedEvent(cluster);
    List<String> actors = new ArrayList<>();
    if (event != null && event.getSourceActor() != null) {
      actors.add(event.getSourceActor());
    }
    if (event != null && event.getTargetActor() != null) {
      actors.add(event.getTargetActor());
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("level", escalation.level().name().toLowerCase(java.util.Locale.ROOT));
    labels.put("kind", "cluster");
    labels.put("profile", profileId);
    if (event != null) {
      labels.put("eventType", event.getType());
    }
    if (actors.size() == 2) {
      labels.put("actors", actors.get(0) + "->" + actors.get(1));
    }
    return EscalationAlert.newBuilder()
        .setAlertKey(key)
        .setVersion(version)
        .setKind(AlertKind.CLUSTER)
        .setStatus(status)
        .setLevel(escalation.level())
        .setScore(escalation.score())
        .setReasons(escalation.reasons())
        .setTitle(cluster.getTitle())
        .setSummary(summary(cluster, escalation))
        .setEventType(event == null ? null : event.getType())
        .setCameoCode(event == null ? null : event.getCameoCode())
        .setGoldstein(event == null ? null : event.getGoldstein())
        .setActors(actors)
        .setEvidence(
            Evidence.newBuilder()
                .setLinks(
                    cluster.getMembers().stream()
                        .map(m -> m.getUrl())
                        .filter(Objects::nonNull)
                        .distinct()
                        .toList())
                .setOutlets(cluster.getOutlets())
                .setIndependentSources(cluster.getIndependentSources())
                .setFirstSeen(cluster.getFirstSeen())
                .setLastSeen(cluster.getLastSeen())
                .build())
        .setClusterId(cluster.getClusterId())
        .setSurge(null)
        .setRunbookUrl(scorer.policy().runbookUrl())
        .setLabels(labels)
        .setProfile(profileId)
        .setFiredAt(firedAt)
        .setUpdatedAt(now)
        .build();
  }

  static String summary(StoryCluster cluster, Escalation escalation) {
    String why =
        escalation.reasons().stream()
            .filter(r -> r.getWeight() != 0)
            .map(r -> r.getCode() + " (" + r.getDetail() + ")")
            .collect(Collectors.joining("; "));
    String text =
        cluster.getTitle()
            + " — reported by "
            + cluster.getOutlets().size()
            + " outlet(s), "
            + cluster.getIndependentSources()
            + " independent source(s). Why: "
            + why;
    return text.length() <= SUMMARY_LIMIT ? text : text.substring(0, SUMMARY_LIMIT - 1) + "…";
  }
}
