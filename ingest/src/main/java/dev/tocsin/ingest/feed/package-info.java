/**
 * Fetching and parsing feeds: {@link dev.tocsin.ingest.feed.FeedParser} turns the bytes of an RSS
 * 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1 document into a {@link
 * dev.tocsin.ingest.feed.ParsedFeed} of clean-text {@link dev.tocsin.ingest.feed.ParsedItem}s, or
 * fails with a {@link dev.tocsin.ingest.feed.FeedParseException} naming the feed and the reason.
 *
 * <p>Decisions worth knowing:
 *
 * <ul>
 *   <li>Encoding: byte-order mark, then HTTP charset, then XML declaration, then UTF-8, with the
 *       bytes arbitrating when HTTP and declaration disagree (see {@code XmlCharset}).
 *   <li>Security: DOCTYPEs are accepted, nothing external is ever read, entity expansion is bounded
 *       (see {@code SecureXmlParser}); Rome only interprets an already-built tree.
 *   <li>Links: resolved against {@code xml:base} in scope, else the feed's own site link, else the
 *       feed URL; links that cannot be made absolute become null.
 *   <li>Text: HTML is reduced to text with jsoup; {@code content} keeps paragraphs apart with
 *       {@code "\n\n"}; an item without a title takes the start of its summary or content.
 *   <li>Repairs: an Atom feed in no namespace, RSS without a channel or in Userland's namespace,
 *       base64 titles and unescaped markup in titles are read as feedparser and gofeed read them
 *       ({@code FeedRepair}); a bare {@code &}, an HTML entity, an undeclared prefix or a control
 *       character is recovered by a lenient jsoup reading that never declares or expands an entity
 *       ({@code LenientXml}); a truncated document stays an error.
 *   <li>Dates: Rome's parsed dates (RSS {@code pubDate}, then {@code dc:date}; Atom {@code
 *       published}/{@code issued}, then {@code updated}), else any namespaced {@code published},
 *       {@code issued}, {@code created}, {@code date}, {@code updated} or {@code modified} (Dublin
 *       Core terms, Atom inside RSS); none or unparseable gives null.
 * </ul>
 */
package dev.tocsin.ingest.feed;
