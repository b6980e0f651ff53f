package dev.tocsin.enrich.topology;

import dev.tocsin.schemas.DedupVerdict;
import dev.tocsin.schemas.EnrichedStory;

/**
 * A story the index task judged, on its way to the output topics within the task: its verdict and
 * cluster, and its enriched record already encoded. The record is decoded only for what needs its
 * fields (the duplicates topic, the clusters), once.
 */
final class JudgedStory {

  private final String id;
  private final DedupVerdict dedup;
  private final boolean relevant;
  private final byte[] encoded;
  private final EnrichedEncoding encoding;
  private EnrichedStory story;

  JudgedStory(
      String id, DedupVerdict dedup, boolean relevant, byte[] encoded, EnrichedEncoding encoding) {
    this.id = id;
    this.dedup = dedup;
    this.relevant = relevant;
    this.encoded = encoded;
    this.encoding = encoding;
  }

  String id() {
    return id;
  }

  DedupVerdict dedup() {
    return dedup;
  }

  boolean relevant() {
    return relevant;
  }

  /** Returns the story's {@link EnrichedStory} as the topic serde writes it. */
  byte[] encoded() {
    return encoded;
  }

  /** Returns the story's {@link EnrichedStory}, decoded from {@link #encoded} on first use. */
  EnrichedStory story() {
    if (story == null) {
      story = encoding.decode(encoded);
    }
    return story;
  }
}
