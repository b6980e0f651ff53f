package dev.tocsin.enrich.analysis;

import dev.tocsin.enrich.entity.Mention;
import dev.tocsin.enrich.event.DetectedEvent;
import dev.tocsin.enrich.relevance.RelevanceVerdict;
import java.util.List;

/**
 * What analysis found in one story.
 *
 * @param language ISO 639-1 code, or null when unknown
 * @param mentions every entity mention
 * @param relevance the relevance verdict
 * @param events the events reported, most specific first; empty unless the story is relevant
 * @param triggered every event type whose trigger fired, relevant or not (for fingerprints)
 */
public record Analysis(
    String language,
    List<Mention> mentions,
    RelevanceVerdict relevance,
    List<DetectedEvent> events,
    List<DetectedEvent> triggered) {}
