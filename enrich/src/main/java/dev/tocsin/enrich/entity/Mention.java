package dev.tocsin.enrich.entity;

import dev.tocsin.schemas.EntityType;
import dev.tocsin.schemas.TextField;

/**
 * One alias match in a story's text, with offsets into the original string.
 *
 * @param entityId canonical entity id
 * @param name display name
 * @param type entity type
 * @param field which text of the story
 * @param start first char offset
 * @param end one past the last char offset
 * @param surface the matched text as written
 */
public record Mention(
    String entityId,
    String name,
    EntityType type,
    TextField field,
    int start,
    int end,
    String surface) {}
