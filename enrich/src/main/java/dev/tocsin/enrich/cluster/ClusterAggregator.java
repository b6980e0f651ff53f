package dev.tocsin.enrich.cluster;

import dev.tocsin.enrich.dedup.GistMatcher;
import dev.tocsin.schemas.ClusterMember;
import dev.tocsin.schemas.Corroboration;
import dev.tocsin.schemas.DedupMethod;
import dev.tocsin.schemas.DedupStatus;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.EntityMention;
import dev.tocsin.schemas.Event;
import dev.tocsin.schemas.Provenance;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.StoryCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Folds enriched stories into the cluster of the real-world story they report. */
public final class ClusterAggregator {

  private static final String STATE_MEDIA_TAG = "state-media";

  private ClusterAggregator() {}

  /** Returns {@code cluster} (null for a new one) with {@code story} added or replaced. */
  public static StoryCluster add(StoryCluster cluster, EnrichedStory story) {
    Objects.requireNonNull(story, "story");
    RawStory raw = story.getStory();
    Map<String, ClusterMember> members = new LinkedHashMap<>();
    List<Event> events = new ArrayList<>();
    Set<String> entities = new LinkedHashSet<>();
    if (cluster != null) {
      cluster.getMembers().forEach(m -> members.put(m.getStoryId(), m));
      events.addAll(cluster.getEvents());
      entities.addAll(cluster.getEntities());
    }
    boolean copy = story.getDedup().getStatus() == DedupStatus.DUPLICATE;
    String canonical = copy ? story.getDedup().getCanonicalId() : null;
    ClusterMember original = canonical == null ? null : members.get(canonical);
    Optional<String> wire = WireOrigin.of(raw.getBody() != null ? raw.getBody() : raw.getSummary());
    // A report joined as the same story by its gist (a translation, or a rewrite in other words)
    // is not an independent source: it counts as the wire it credits, else as the source of the
    // report it was matched to. Only a credit of its own makes it a source of its own. A report
    // joined as the same development (same event and place, other facts) is its outlet's own.
    ClusterMember matched =
        story.getDedup().getMethod() == DedupMethod.TRANSLATION
                && story.getDedup().getCanonicalId() != null
                && story.getDedup().getScore() > GistMatcher.DEVELOPMENT_SCORE
            ? members.get(story.getDedup().getCanonicalId())
            : null;
    String source =
        original != null
            ? original.getSource()
            : wire.orElse(matched != null ? matched.getSource() : raw.getOutlet());
    members.put(
        raw.getId(),
        ClusterMember.newBuilder()
            .setStoryId(raw.getId())
            .setUrl(raw.getCanonicalUrl() != null ? raw.getCanonicalUrl() : raw.getUrl())
            .setOutlet(raw.getOutlet())
            .setLanguage(story.getLanguage())
            .setPublishedAt(raw.getPublishedAt())
            .setSource(source)
            .setStateMedia(stateMedia(raw.getTags()))
            .setDuplicateOf(canonical)
            .build());
    for (Event event : story.getEvents()) {
      if (events.stream().noneMatch(e -> sameEvent(e, event))) {
        events.add(event);
      }
    }
    story.getEntities().stream().map(EntityMention::getEntityId).forEach(entities::add);

    Set<String> outlets = new LinkedHashSet<>();
    Set<String> sources = new LinkedHashSet<>();
    Set<String> languages = new LinkedHashSet<>();
    Set<String> stateMedia = new LinkedHashSet<>();
    boolean allStateMedia = true;
    for (ClusterMember m : members.values()) {
      outlets.add(m.getOutlet());
      if (m.getLanguage() != null) {
        languages.add(m.getLanguage());
      }
      if (m.getDuplicateOf() == null) {
        sources.add(m.getSource());
        if (m.getStateMedia() != null) {
          stateMedia.add(m.getStateMedia());
        } else {
          allStateMedia = false;
        }
      }
    }
    Instant seen = raw.getPublishedAt() != null ? raw.getPublishedAt() : raw.getFetchedAt();
    Instant firstSeen =
        cluster == null || seen.isBefore(cluster.getFirstSeen()) ? seen : cluster.getFirstSeen();
    Instant lastSeen =
        cluster == null || seen.isAfter(cluster.getLastSeen()) ? seen : cluster.getLastSeen();
    boolean moreRelevant =
        cluster == null || story.getRelevance().getScore() > cluster.getRelevance();
    Event strongest =
        events.stream()
            .max(Comparator.comparingDouble(e -> Math.abs(e.getGoldstein())))
            .orElse(null);
    return StoryCluster.newBuilder()
        .setClusterId(story.getClusterId())
        .setVersion(cluster == null ? 1 : cluster.getVersion() + 1)
        .setTitle(
            cluster == null || seen.isBefore(cluster.getFirstSeen())
                ? raw.getTitle()
                : cluster.getTitle())
        .setMembers(new ArrayList<>(members.values()))
        .setOutlets(List.copyOf(outlets))
        .setSources(List.copyOf(sources))
        .setIndependentSources(sources.size())
        .setLanguages(List.copyOf(languages))
        .setFirstSeen(firstSeen)
        .setLastSeen(lastSeen)
        .setRelevance(moreRelevant ? story.getRelevance().getScore() : cluster.getRelevance())
        .setRelevanceReasons(
            moreRelevant ? story.getRelevance().getReasons() : cluster.getRelevanceReasons())
        .setStrongestEvent(strongest)
        .setEvents(events)
        .setEntities(List.copyOf(entities))
        .setProvenance(
            Provenance.newBuilder()
                .setCorroboration(
                    sources.size() >= 2 ? Corroboration.CORROBORATED : Corroboration.SINGLE_SOURCE)
                .setStateMedia(List.copyOf(stateMedia))
                .setStateMediaOnly(allStateMedia && !sources.isEmpty())
                .build())
        .setUpdatedAt(story.getAnalyzedAt())
        .build();
  }

  private static boolean sameEvent(Event a, Event b) {
    return a.getType().equals(b.getType())
        && Objects.equals(a.getSourceActor(), b.getSourceActor())
        && Objects.equals(a.getTargetActor(), b.getTargetActor());
  }

  // Tags "state-media:RUS" name the state; a bare "state-media" tag names none.
  private static String stateMedia(List<String> tags) {
    for (String tag : tags) {
      String t = tag.toLowerCase(Locale.ROOT);
      if (t.equals(STATE_MEDIA_TAG)) {
        return "UNSPECIFIED";
      }
      if (t.startsWith(STATE_MEDIA_TAG + ":")) {
        return tag.substring(STATE_MEDIA_TAG.length() + 1).toUpperCase(Locale.ROOT);
      }
    }
    return null;
  }
}
