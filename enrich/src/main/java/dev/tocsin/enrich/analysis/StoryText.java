package dev.tocsin.enrich.analysis;

/**
 * The texts of a story that analysis reads.
 *
 * @param title the title
 * @param summary the summary, may be null
 * @param body the full text, may be null
 * @param declaredLanguage the language the feed declares, may be null
 */
public record StoryText(String title, String summary, String body, String declaredLanguage) {}
