package dev.tocsin.alerting.surge;

import dev.tocsin.alerting.state.SurgeBucket;
import dev.tocsin.alerting.state.SurgeHit;
import dev.tocsin.alerting.state.SurgeState;
import dev.tocsin.schemas.AlertKind;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.ClusterMember;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Evidence;
import dev.tocsin.schemas.Reason;
import dev.tocsin.schemas.StoryCluster;
import dev.tocsin.schemas.Surge;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps a surge series' counts and its alert: counts each cluster once in the bucket of its record
 * time, fires when the current window surges (unless the series fired less than {@code minSpacing}
 * ago), updates only when the level rises, and resolves once the series has been back under its
 * threshold for the quiet period; a resolved series that surges again fires with the next version.
 */
public final class SurgeLifecycle {

  /** Alert keys of surges start with this, then the series: {@code surge:actors:PRK->RUS}. */
  public static final String KEY_PREFIX = "surge:";

  /** How many of a series' latest clusters are kept as evidence. */
  public static final int RECENT_LIMIT = 10;

  static final int SUMMARY_LIMIT = 1024;

  private final SurgeDetector detector;
  private final SurgeSettings settings;
  private final String profileId;
  private final String runbookUrl;

  /** Creates the lifecycle of the surges of one watch profile; {@code runbookUrl} may be null. */
  public SurgeLifecycle(SurgeSettings settings, String profileId, String runbookUrl) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.detector = new SurgeDetector(settings);
    this.profileId = Objects.requireNonNull(profileId, "profileId");
    this.runbookUrl = runbookUrl;
  }

  /**
   * The state of a series after a step, and the alert version the step made, if any.
   *
   * @param state the new state
   * @param alert the alert version to publish, or null
   */
  public record Step(SurgeState state, EscalationAlert alert) {}

  /** Returns the empty state of a series. */
  public static SurgeState empty(String series) {
    return new SurgeState(series, List.of(), List.of(), null, null, null);
  }

  /**
   * Counts {@code cluster} in the bucket of event time {@code at}, then judges the series at stream
   * time {@code now}; a cluster older than the baseline is not counted.
   */
  public Step count(SurgeState state, StoryCluster cluster, Instant at, Instant now) {
    SurgeWindow window = SurgeWindow.at(now, settings);
    Instant bucket = SurgeWindow.bucketOf(at, settings.bucket());
    if (bucket.isBefore(window.baselineStart())) {
      return judge(state, now);
    }
    List<SurgeBucket> buckets = new ArrayList<>();
    boolean added = false;
    for (SurgeBucket b : state.getBuckets()) {
      if (!added && b.getStart().equals(bucket)) {
        buckets.add(new SurgeBucket(bucket, b.getCount() + 1));
        added = true;
      } else if (!added && b.getStart().isAfter(bucket)) {
        buckets.add(new SurgeBucket(bucket, 1L));
        buckets.add(b);
        added = true;
      } else {
        buckets.add(b);
      }
    }
    if (!added) {
      buckets.add(new SurgeBucket(bucket, 1L));
    }
    List<SurgeHit> recent = new ArrayList<>(state.getRecent());
    recent.add(hit(cluster, at));
    recent.sort((a, b) -> a.getAt().compareTo(b.getAt()));
    if (recent.size() > RECENT_LIMIT) {
      recent = new ArrayList<>(recent.subList(recent.size() - RECENT_LIMIT, recent.size()));
    }
    SurgeState counted =
        new SurgeState(
            state.getSeries(),
            buckets,
            recent,
            state.getAlert(),
            state.getLastFiredAt(),
            state.getBelowSince());
    return judge(counted, now);
  }

  /**
   * Judges the series at stream time {@code now}: drops buckets older than the baseline, then
   * fires, updates or resolves its alert.
   */
  public Step judge(SurgeState state, Instant now) {
    SurgeVerdict verdict = detector.judge(state.getBuckets(), now);
    SurgeWindow window = verdict.window();
    List<SurgeBucket> buckets =
        state.getBuckets().stream()
            .filter(b -> !b.getStart().isBefore(window.baselineStart()))
            .toList();
    List<SurgeHit> recent =
        state.getRecent().stream().filter(h -> !h.getAt().isBefore(window.start())).toList();
    EscalationAlert previous = state.getAlert();
    String series = state.getSeries();
    Instant lastFiredAt = state.getLastFiredAt();
    Instant belowSince = state.getBelowSince();
    EscalationAlert alert = null;
    if (previous == null || previous.getStatus() == AlertStatus.RESOLVED) {
      boolean spaced =
          lastFiredAt == null || !now.isBefore(lastFiredAt.plus(settings.minSpacing()));
      if (verdict.surging() && spaced) {
        int version = previous == null ? 1 : previous.getVersion() + 1;
        alert = alert(series, version, AlertStatus.FIRING, verdict, recent, now, now);
        lastFiredAt = now;
        belowSince = null;
      }
    } else if (verdict.surging()) {
      belowSince = null;
      if (verdict.level().ordinal() > previous.getLevel().ordinal()) {
        alert =
            alert(
                series,
                previous.getVersion() + 1,
                AlertStatus.UPDATED,
                verdict,
                recent,
                previous.getFiredAt(),
                now);
      }
    } else {
      belowSince = belowSince == null ? now : belowSince;
      if (!now.isBefore(belowSince.plus(settings.quietPeriod()))) {
        alert = resolved(previous, verdict, belowSince, now);
        belowSince = null;
      }
    }
    SurgeState next =
        new SurgeState(
            series, buckets, recent, alert == null ? previous : alert, lastFiredAt, belowSince);
    return new Step(next, alert);
  }

  /** Returns whether a state holds nothing worth keeping: no counts and no alert. */
  public static boolean isEmpty(SurgeState state) {
    return state.getBuckets().isEmpty() && state.getAlert() == null;
  }

  private EscalationAlert resolved(
      EscalationAlert open, SurgeVerdict verdict, Instant below, Instant now) {
    String text =
        "Back under the threshold since "
            + below
            + ": "
            + figures(open.getSurge().getSeries(), verdict)
            + ".";
    return EscalationAlert.newBuilder(open)
        .setVersion(open.getVersion() + 1)
        .setStatus(AlertStatus.RESOLVED)
        .setSummary(limit(text))
        .setSurge(surge(open.getSurge().getSeries(), verdict))
        .setUpdatedAt(now)
        .build();
  }

  private EscalationAlert alert(
      String series,
      int version,
      AlertStatus status,
      SurgeVerdict verdict,
      List<SurgeHit> recent,
      Instant firedAt,
      Instant now) {
    SurgeWindow window = verdict.window();
    List<SurgeHit> hits =
        recent.stream()
            .filter(h -> !h.getAt().isBefore(window.start()) && h.getAt().isBefore(window.end()))
            .toList();
    String what = subject(series);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("level", verdict.level().name().toLowerCase(Locale.ROOT));
    labels.put("kind", "surge");
    labels.put("profile", profileId);
    labels.put("series", series);
    labels.put("method", settings.method().id());
    String eventType = null;
    List<String> actors = List.of();
    if (series.startsWith(SurgeSeries.EVENT_TYPE)) {
      eventType = what;
      labels.put("eventType", eventType);
    } else if (series.startsWith(SurgeSeries.ACTORS)) {
      actors = List.of(what.split("->", 2));
      labels.put("actors", what);
    }
    String latest =
        hits.isEmpty()
            ? ""
            : " Latest: "
                + newestFirst(hits).stream()
                    .map(SurgeHit::getTitle)
                    .collect(Collectors.joining("; "))
                + ".";
    return EscalationAlert.newBuilder()
        .setAlertKey(KEY_PREFIX + series)
        .setVersion(version)
        .setKind(AlertKind.SURGE)
        .setStatus(status)
        .setLevel(verdict.level())
        .setScore(Math.round(verdict.factor() * 1000) / 1000.0)
        .setReasons(reasons(verdict))
        .setTitle(
            "Surge: " + verdict.count() + " " + what + " cluster(s) in " + span(window.length()))
        .setSummary(limit(figures(series, verdict) + "." + latest))
        .setEventType(eventType)
        .setCameoCode(null)
        .setGoldstein(null)
        .setActors(actors)
        .setEvidence(evidence(hits))
        .setClusterId(null)
        .setSurge(surge(series, verdict))
        .setRunbookUrl(runbookUrl)
        .setLabels(labels)
        .setProfile(profileId)
        .setFiredAt(firedAt)
        .setUpdatedAt(now)
        .build();
  }

  private Surge surge(String series, SurgeVerdict verdict) {
    return Surge.newBuilder()
        .setSeries(series)
        .setWindowStart(verdict.window().start())
        .setWindowEnd(verdict.window().end())
        .setCount(verdict.count())
        .setBaselineMean(verdict.baseline().mean())
        .setBaselineStdDev(verdict.baseline().stdDev())
        .setThreshold(verdict.threshold())
        .setMethod(settings.method().id())
        .build();
  }

  private List<Reason> reasons(SurgeVerdict v) {
    List<Reason> reasons = new ArrayList<>();
    reasons.add(
        new Reason(
            "surge:count",
            String.format(
                Locale.ROOT,
                "%d cluster(s) from %s to %s, %.2f times the firing reference %.2f",
                v.count(),
                v.window().start(),
                v.window().end(),
                v.factor(),
                v.reference()),
            Math.round(v.factor() * 1000) / 1000.0));
    String how =
        settings.method() == SurgeMethod.EWMA
            ? String.format(Locale.ROOT, "ewma, alpha %.2f", settings.alpha())
            : "mean and sigma";
    reasons.add(
        new Reason(
            "surge:baseline",
            String.format(
                Locale.ROOT,
                "%.1f ± %.1f per %s over the %d windows of the %s before (%s)",
                v.baseline().mean(),
                v.baseline().stdDev(),
                span(v.window().length()),
                v.baseline().samples(),
                span(settings.window()),
                how),
            0.0));
    reasons.add(
        new Reason(
            "surge:threshold",
            String.format(
                Locale.ROOT,
                "fires above mean + %.1f sigma = %.2f with at least %d cluster(s); high from %.1f"
                    + " times, critical from %.1f times the larger of the two",
                settings.k(),
                v.threshold(),
                settings.minEvents(),
                settings.highAt(),
                settings.criticalAt()),
            0.0));
    return reasons;
  }

  private String figures(String series, SurgeVerdict v) {
    return String.format(
        Locale.ROOT,
        "%d %s cluster(s) in the last %s against a %s baseline of %.1f ± %.1f per %s (%s;"
            + " threshold %.1f = mean + %.1f sigma, at least %d)",
        v.count(),
        subject(series),
        span(v.window().length()),
        settings.window().toDays() > 0
                && settings.window().equals(Duration.ofDays(settings.window().toDays()))
            ? settings.window().toDays() + "-day"
            : span(settings.window()),
        v.baseline().mean(),
        v.baseline().stdDev(),
        span(v.window().length()),
        settings.method().id(),
        v.threshold(),
        settings.k(),
        settings.minEvents());
  }

  private static Evidence evidence(List<SurgeHit> hits) {
    Set<String> links = new LinkedHashSet<>();
    Set<String> outlets = new LinkedHashSet<>();
    Set<String> sources = new LinkedHashSet<>();
    for (SurgeHit h : hits) {
      if (h.getLink() != null) {
        links.add(h.getLink());
      }
      outlets.addAll(h.getOutlets());
      sources.addAll(h.getSources());
    }
    return Evidence.newBuilder()
        .setLinks(List.copyOf(links))
        .setOutlets(List.copyOf(outlets))
        .setIndependentSources(sources.size())
        .setFirstSeen(hits.isEmpty() ? null : hits.get(0).getAt())
        .setLastSeen(hits.isEmpty() ? null : hits.get(hits.size() - 1).getAt())
        .build();
  }

  private static List<SurgeHit> newestFirst(List<SurgeHit> hits) {
    List<SurgeHit> copy = new ArrayList<>(hits);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private static SurgeHit hit(StoryCluster cluster, Instant at) {
    String link =
        cluster.getMembers().stream()
            .map(ClusterMember::getUrl)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(null);
    return SurgeHit.newBuilder()
        .setClusterId(cluster.getClusterId())
        .setTitle(cluster.getTitle())
        .setLink(link)
        .setOutlets(List.copyOf(cluster.getOutlets()))
        .setSources(List.copyOf(cluster.getSources()))
        .setAt(at)
        .build();
  }

  /** Returns what a series counts: the event type or the actor pair. */
  static String subject(String series) {
    int colon = series.indexOf(':');
    return colon < 0 ? series : series.substring(colon + 1);
  }

  /** Returns a span as a person reads it: {@code 6 h}, {@code 2 d}, {@code 30 min}. */
  static String span(Duration d) {
    if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
      return d.toDays() + " d";
    }
    if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
      return d.toHours() + " h";
    }
    if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
      return d.toMinutes() + " min";
    }
    return d.toString();
  }

  private static String limit(String text) {
    return text.length() <= SUMMARY_LIMIT ? text : text.substring(0, SUMMARY_LIMIT - 1) + "…";
  }
}
