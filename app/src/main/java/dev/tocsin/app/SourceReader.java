package dev.tocsin.app;

import dev.tocsin.ingest.feed.FeedFetcher;
import dev.tocsin.ingest.feed.FetchException;
import dev.tocsin.ingest.feed.FetchResult;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Reads a tool's input: an http(s) URL through {@link FeedFetcher}, anything else as a file. Safe
 * to share between threads.
 */
final class SourceReader {

  /** The bytes of one input, the URI they came from and the Content-Type, if any. */
  record Source(URI uri, byte[] body, String contentType) {}

  private final Supplier<FeedFetcher> fetcherFactory;
  private final long maxFileBytes;
  private FeedFetcher fetcher;

  /**
   * Reads files up to {@code maxFileBytes} and URLs through the fetcher {@code fetcherFactory}
   * makes on the first URL: an HTTP client and its TLS setup cost a command that reads only files
   * more than the files themselves.
   */
  SourceReader(Supplier<FeedFetcher> fetcherFactory, long maxFileBytes) {
    this.fetcherFactory = fetcherFactory;
    this.maxFileBytes = maxFileBytes;
  }

  static SourceReader defaults() {
    return new SourceReader(FeedFetcher::defaults, 10L * 1024 * 1024);
  }

  private synchronized FeedFetcher fetcher() {
    if (fetcher == null) {
      fetcher = fetcherFactory.get();
    }
    return fetcher;
  }

  static boolean isUrl(String source) {
    String lower = source.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }

  /**
   * Reads {@code source}.
   *
   * @throws IOException with a readable message when the file or URL cannot be read
   */
  Source read(String source) throws IOException {
    if (isUrl(source)) {
      URI uri;
      try {
        uri = URI.create(source);
      } catch (IllegalArgumentException e) {
        throw new IOException("not a valid URL: " + e.getMessage(), e);
      }
      try {
        FetchResult result = fetcher().fetch(uri, null, null);
        return new Source(uri, result.body(), result.contentType());
      } catch (FetchException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
    Path path = Path.of(source).toAbsolutePath().normalize();
    if (!Files.isRegularFile(path)) {
      throw new IOException(path + ": no such file");
    }
    if (Files.size(path) > maxFileBytes) {
      throw new IOException(path + ": larger than " + maxFileBytes + " bytes");
    }
    return new Source(path.toUri(), Files.readAllBytes(path), null);
  }
}
