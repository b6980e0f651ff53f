package dev.tocsin.ingest.extract;

import dev.tocsin.ingest.feed.FeedFetcher;
import dev.tocsin.ingest.feed.FetchException;
import dev.tocsin.ingest.feed.FetchResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Objects;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Fetches an article page with the feed fetcher (same timeouts, size cap and address guard) and
 * extracts its main text.
 */
public final class ArticleFetcher {

  private final FeedFetcher fetcher;
  private final ArticleExtractor extractor = new ArticleExtractor();

  /** Creates an article fetcher over {@code fetcher}. */
  public ArticleFetcher(FeedFetcher fetcher) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
  }

  /** Fetches {@code url} and returns its article; throws when the page cannot be had. */
  public ExtractedArticle fetch(URI url) throws FetchException {
    FetchResult page = fetcher.fetch(url, null, null);
    if (page.body() == null) {
      return new ExtractedArticle("", "", java.util.List.of(), "none");
    }
    try {
      Document document =
          Jsoup.parse(
              new ByteArrayInputStream(page.body()), charset(page.contentType()), url.toString());
      return extractor.extract(document);
    } catch (IOException e) {
      throw new FetchException(
          url, FetchException.Kind.CONNECTION, page.status(), "cannot read the page: " + e, e);
    }
  }

  /** The charset a Content-Type names when Java knows it; null lets jsoup sniff the page. */
  public static String charset(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String part : contentType.split(";")) {
      String p = part.strip();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        String name = p.substring("charset=".length()).replace("\"", "").strip();
        try {
          return Charset.isSupported(name) ? name : null;
        } catch (IllegalArgumentException e) { // an illegal or unsupported charset name
          return null;
        }
      }
    }
    return null;
  }
}
