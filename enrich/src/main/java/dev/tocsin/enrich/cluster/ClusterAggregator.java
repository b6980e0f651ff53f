package dev.tocsin.enrich.cluster;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Folds enriched stories into the cluster of the real-world story they report. A cluster lists its
 * first members up to a cap and past it keeps only counts, outlets, languages and independent
 * sources, so a busy story never rewrites an ever-growing record.
 */
public final class ClusterAggregator {

  private static final String STATE_MEDIA_TAG = "state-media";

  private ClusterAggregator() {}

  /**
   * Returns the independent source a story counts as: a copy counts as the story it copies; any
   * other report as the wire it credits, else a report joined by its gist as the same story (a
   * translation or rewrite, which cannot be told from an independent report without a credit of its
   * own) as the report it matched, else as its outlet. A report joined as the same development
   * (same event and place, other facts) is its outlet's own: pass no matched source for it.
   *
   * @param copy whether the story copies another's text
   * @param matchedSource the source of the story it copies or matched as the same story, or null
   */
  public static String sourceOf(RawStory raw, boolean copy, String matchedSource) {
    return sourceOf(wireOriginOf(raw), raw.getOutlet(), copy, matchedSource);
  }

  /**
   * Returns the independent source a story counts as, as {@link #sourceOf(RawStory, boolean,
   * String)} does, from the wire agency its text credits ({@link #wireOriginOf}, null for none) and
   * its outlet.
   */
  public static String sourceOf(
      String wireOrigin, String outlet, boolean copy, String matchedSource) {
    if (copy && matchedSource != null) {
      return matchedSource;
    }
    if (wireOrigin != null) {
      return wireOrigin;
    }
    return matchedSource != null ? matchedSource : outlet;
  }

  /** Returns the wire agency a story's body (else summary) credits, or null. */
  public static String wireOriginOf(RawStory raw) {
    return WireOrigin.of(raw.getBody() != null ? raw.getBody() : raw.getSummary()).orElse(null);
  }

  /**
   * Returns {@code cluster} (null for a new one) with {@code story} added, or replaced when it is
   * listed already.
   *
   * @param source the independent source the story counts as ({@link #sourceOf})
   * @param maxMembers the members the cluster lists at most
   */
  public static StoryCluster add(
      StoryCluster cluster, EnrichedStory story, String source, int maxMembers) {
    Objects.requireNonNull(story, "story");
    Objects.requireNonNull(source, "source");
    RawStory raw = story.getStory();
    List<ClusterMember> members = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    Set<String> entities = new LinkedHashSet<>();
    Set<String> outlets = new LinkedHashSet<>();
    Set<String> sources = new LinkedHashSet<>();
    Set<String> languages = new LinkedHashSet<>();
    Set<String> stateMedia = new LinkedHashSet<>();
    boolean allStateMedia = true;
    int count = 0;
    if (cluster != null) {
      members.addAll(cluster.getMembers());
      events.addAll(cluster.getEvents());
      entities.addAll(cluster.getEntities());
      outlets.addAll(cluster.getOutlets());
      sources.addAll(cluster.getSources());
      languages.addAll(cluster.getLanguages());
      stateMedia.addAll(cluster.getProvenance().getStateMedia());
      allStateMedia = cluster.getProvenance().getStateMediaOnly() || sources.isEmpty();
      // Records of v1 writers carry no count: they listed every member.
      count = Math.max(cluster.getMemberCount(), cluster.getMembers().size());
    }
    boolean copy = story.getDedup().getStatus() == DedupStatus.DUPLICATE;
    String canonical = copy ? story.getDedup().getCanonicalId() : null;
    String memberState = stateMedia(raw.getTags());
    ClusterMember member =
        ClusterMember.newBuilder()
            .setStoryId(raw.getId())
            .setUrl(raw.getCanonicalUrl() != null ? raw.getCanonicalUrl() : raw.getUrl())
            .setOutlet(raw.getOutlet())
            .setLanguage(story.getLanguage())
            .setPublishedAt(raw.getPublishedAt())
            .setSource(source)
            .setStateMedia(memberState)
            .setDuplicateOf(canonical)
            .build();
    int listed = indexOf(members, raw.getId());
    if (listed >= 0) {
      members.set(listed, member);
    } else if (members.size() < maxMembers) {
      members.add(member);
    }
    // A revision, or a same-id copy from another feed, is the member counted already.
    boolean sameStory =
        story.getDedup().getStatus() == DedupStatus.REVISION
            || story.getDedup().getMethod() == DedupMethod.STORY_ID;
    if (listed < 0 && !sameStory) {
      count++;
    }
    outlets.add(raw.getOutlet());
    if (story.getLanguage() != null) {
      languages.add(story.getLanguage());
    }
    if (!copy) {
      sources.add(source);
      if (memberState != null) {
        stateMedia.add(memberState);
      } else {
        allStateMedia = false;
      }
    }
    for (Event event : story.getEvents()) {
      if (events.stream().noneMatch(e -> sameEvent(e, event))) {
        events.add(event);
      }
    }
    story.getEntities().stream().map(EntityMention::getEntityId).forEach(entities::add);

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
    // What the cluster reports: the main event of its earliest member with one, as the title is
    // the earliest member's. A later paragraph's shelling does not make a shipment story a fight.
    Event main = cluster == null ? null : cluster.getMainEvent();
    boolean earliest = cluster == null || seen.isBefore(cluster.getFirstSeen());
    if (!story.getEvents().isEmpty() && (main == null || earliest)) {
      main = story.getEvents().get(0);
    }
    return StoryCluster.newBuilder()
        .setClusterId(story.getClusterId())
        .setVersion(cluster == null ? 1 : cluster.getVersion() + 1)
        .setTitle(
            cluster == null || seen.isBefore(cluster.getFirstSeen())
                ? raw.getTitle()
                : cluster.getTitle())
        .setMembers(members)
        .setMemberCount(Math.max(count, members.size()))
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
        .setMainEvent(main)
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

  private static int indexOf(List<ClusterMember> members, String storyId) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).getStoryId().equals(storyId)) {
        return i;
      }
    }
    return -1;
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
