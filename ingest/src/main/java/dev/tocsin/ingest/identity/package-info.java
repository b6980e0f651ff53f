/**
 * Story identity: canonical article URLs ({@link dev.tocsin.ingest.identity.CanonicalUrl}) and the
 * stable story ids and content hashes derived from them ({@link
 * dev.tocsin.ingest.identity.StoryIds}).
 *
 * <p>Everything here is independent of the machine's locale: case folding uses {@link
 * java.util.Locale#ROOT} and text is NFKC-normalized before hashing.
 */
package dev.tocsin.ingest.identity;
