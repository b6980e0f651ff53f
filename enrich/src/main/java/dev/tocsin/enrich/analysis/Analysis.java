package dev.tocsin.enrich.analysis;

import dev.tocsin.enrich.entity.Mention;
import dev.tocsin.enrich.event.DetectedEvent;
import dev.tocsin.enrich.relevance.RelevanceVerdict;
import java.util.List;

/** What analysis found in one story. */
public record Analysis(
    String language,
    List<Mention> mentions,
    RelevanceVerdict relevance,
    List<DetectedEvent> events) {}
