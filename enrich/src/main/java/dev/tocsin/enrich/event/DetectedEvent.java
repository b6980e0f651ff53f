package dev.tocsin.enrich.event;

/**
 * An event a story reports.
 *
 * @param type event type id
 * @param cameoCode CAMEO code
 * @param goldstein Goldstein value
 * @param sourceActor acting side, or null
 * @param targetActor receiving side, or null
 * @param confidence in [0, 1]
 * @param evidence the phrase that triggered it
 */
public record DetectedEvent(
    String type,
    String cameoCode,
    double goldstein,
    String sourceActor,
    String targetActor,
    double confidence,
    String evidence) {}
