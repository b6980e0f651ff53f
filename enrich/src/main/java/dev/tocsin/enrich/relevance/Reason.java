package dev.tocsin.enrich.relevance;

/** One rule that contributed to a relevance score. */
public record Reason(String code, String detail, double weight) {}
