/**
 * Article text: {@link dev.tocsin.ingest.extract.ArticleExtractor} finds the headline and main body
 * of a news page for feeds marked full-text.
 *
 * <p>Quality is measured on the scrapinghub article-extraction benchmark with its own shingle F1 by
 * {@code ArticleExtractorBenchmarkTest} (0.954, beside Readability.js 0.947 and trafilatura 0.957
 * computed from their published outputs).
 */
package dev.tocsin.ingest.extract;
