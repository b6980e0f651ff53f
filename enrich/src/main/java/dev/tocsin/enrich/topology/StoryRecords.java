package dev.tocsin.enrich.topology;

import dev.tocsin.enrich.analysis.Analysis;
import dev.tocsin.enrich.analysis.StoryText;
import dev.tocsin.enrich.dedup.MinHash;
import dev.tocsin.enrich.dedup.StoryGist;
import dev.tocsin.enrich.entity.Mention;
import dev.tocsin.enrich.event.DetectedEvent;
import dev.tocsin.schemas.DedupMethod;
import dev.tocsin.schemas.DedupStatus;
import dev.tocsin.schemas.DedupVerdict;
import dev.tocsin.schemas.DuplicateStory;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.EntityMention;
import dev.tocsin.schemas.Event;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.Reason;
import dev.tocsin.schemas.Relevance;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.time.Instant;
import java.util.List;

/** Converts between the analysis' plain records and the Avro contracts. */
final class StoryRecords {

  private StoryRecords() {}

  static StoryText text(RawStory story) {
    return new StoryText(
        story.getTitle(), story.getSummary(), story.getBody(), story.getLanguage());
  }

  static EnrichedStory enriched(
      RawStory story, Analysis analysis, String profileId, Instant analyzedAt) {
    return EnrichedStory.newBuilder()
        .setStory(story)
        .setLanguage(analysis.language())
        .setEntities(analysis.mentions().stream().map(StoryRecords::mention).toList())
        .setRelevance(
            Relevance.newBuilder()
                .setScore(analysis.relevance().score())
                .setRelevant(analysis.relevance().relevant())
                .setProfile(profileId)
                .setReasons(
                    analysis.relevance().reasons().stream()
                        .map(r -> new Reason(r.code(), r.detail(), r.weight()))
                        .toList())
                .build())
        .setEvents(analysis.events().stream().map(StoryRecords::event).toList())
        .setDedup(
            DedupVerdict.newBuilder()
                .setStatus(DedupStatus.UNKNOWN)
                .setCanonicalId(null)
                .setMethod(null)
                .setScore(0.0)
                .build())
        .setClusterId(null)
        .setAnalyzedAt(analyzedAt)
        .build();
  }

  static EnrichedStory withVerdict(
      EnrichedStory story,
      DedupStatus status,
      String canonicalId,
      DedupMethod method,
      double score,
      String clusterId) {
    return EnrichedStory.newBuilder(story)
        .setDedup(new DedupVerdict(status, canonicalId, method, score))
        .setClusterId(clusterId)
        .build();
  }

  /** Returns the gist of an enriched story's lead, as the offline tools build it. */
  static StoryGist gist(EnrichedStory story) {
    RawStory raw = story.getStory();
    return StoryGist.ofNamed(
        StoryGist.lead(raw.getTitle(), raw.getSummary(), raw.getBody()),
        story.getEntities().stream()
            .filter(m -> StoryGist.inLead(m.getField(), m.getStart(), raw.getSummary()))
            .map(
                m ->
                    new StoryGist.Named(
                        m.getEntityId(),
                        StoryGist.leadOffset(raw.getTitle(), m.getField(), m.getStart()),
                        StoryGist.leadOffset(raw.getTitle(), m.getField(), m.getEnd())))
            .toList(),
        story.getEvents().stream().map(Event::getType).toList(),
        story.getRelevance().getReasons().stream().map(Reason::getCode).toList());
  }

  /**
   * Returns what the index task reads of a story whose whole record travels encoded beside it: its
   * identity, language, relevance score and verdict by id, without texts, mentions, reasons or
   * events ({@code IndexRequest.story}).
   */
  static EnrichedStory skeleton(EnrichedStory story) {
    RawStory raw = story.getStory();
    return EnrichedStory.newBuilder()
        .setStory(
            RawStory.newBuilder()
                .setId(raw.getId())
                .setRevision(raw.getRevision())
                .setFeedUrl("")
                .setFeedName("")
                .setOutlet(raw.getOutlet())
                .setTitle("")
                .setPublishedAt(raw.getPublishedAt())
                .setFetchedAt(raw.getFetchedAt())
                .setContentHash(raw.getContentHash())
                .build())
        .setLanguage(story.getLanguage())
        .setEntities(List.of())
        .setRelevance(Relevance.newBuilder(story.getRelevance()).setReasons(List.of()).build())
        .setEvents(List.of())
        .setDedup(story.getDedup())
        .setClusterId(null)
        .setAnalyzedAt(story.getAnalyzedAt())
        .build();
  }

  /** Returns the text fingerprints are taken of: title, summary and body. */
  static String fullText(RawStory raw) {
    return String.join(
        "\n",
        raw.getTitle(),
        raw.getSummary() == null ? "" : raw.getSummary(),
        raw.getBody() == null ? "" : raw.getBody());
  }

  /** Returns a signature as big-endian ints. */
  static ByteBuffer bytes(int[] signature) {
    ByteBuffer out = ByteBuffer.allocate(signature.length * Integer.BYTES);
    out.asIntBuffer().put(signature);
    return out;
  }

  /**
   * Returns the signature that {@link #bytes} wrote under {@code scheme}, or none when that is not
   * today's {@link MinHash#SCHEME}: signatures of two definitions do not compare.
   */
  static int[] signature(ByteBuffer bytes, int scheme) {
    return scheme == MinHash.SCHEME ? signature(bytes) : new int[0];
  }

  /** Returns the signature that {@link #bytes} wrote. */
  static int[] signature(ByteBuffer bytes) {
    IntBuffer ints = bytes.duplicate().order(ByteOrder.BIG_ENDIAN).asIntBuffer();
    int[] out = new int[ints.remaining()];
    ints.get(out);
    return out;
  }

  static DuplicateStory duplicate(EnrichedStory copy) {
    RawStory story = copy.getStory();
    return DuplicateStory.newBuilder()
        .setStoryId(story.getId())
        .setCanonicalId(copy.getDedup().getCanonicalId())
        .setMethod(copy.getDedup().getMethod())
        .setScore(copy.getDedup().getScore())
        .setUrl(story.getCanonicalUrl() != null ? story.getCanonicalUrl() : story.getUrl())
        .setOutlet(story.getOutlet())
        .setFeedUrl(story.getFeedUrl())
        .setTitle(story.getTitle())
        .setDetectedAt(copy.getAnalyzedAt())
        .build();
  }

  private static EntityMention mention(Mention m) {
    return new EntityMention(
        m.entityId(), m.name(), m.type(), m.field(), m.start(), m.end(), m.surface());
  }

  private static Event event(DetectedEvent e) {
    return new Event(
        e.type(),
        e.cameoCode(),
        e.goldstein(),
        e.sourceActor(),
        e.targetActor(),
        e.confidence(),
        e.evidence());
  }
}
