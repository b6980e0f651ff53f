package dev.tocsin.ingest.feed;

import java.time.Instant;

/**
 * One item of a parsed feed, as clean text.
 *
 * @param guid the item's own id, may be null
 * @param link absolute link to the article, may be null
 * @param title clean title, never null
 * @param summary clean summary, may be null
 * @param content clean full text (paragraphs separated by blank lines), may be null
 * @param author may be null
 * @param published publication time, null when the feed gives none
 * @param language BCP 47 language of the item, may be null
 */
public record ParsedItem(
    String guid,
    String link,
    String title,
    String summary,
    String content,
    String author,
    Instant published,
    String language) {}
