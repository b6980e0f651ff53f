package dev.tocsin.ingest.feed;

/**
 * The outcome of a successful fetch.
 *
 * @param status HTTP status
 * @param body the decompressed body, null on 304
 * @param contentType the Content-Type header, may be null
 * @param etag the validator to send next time, may be null
 * @param lastModified the Last-Modified validator to send next time, may be null
 */
public record FetchResult(
    int status, byte[] body, String contentType, String etag, String lastModified) {

  /** Returns true when the server answered 304 Not Modified. */
  public boolean notModified() {
    return status == 304;
  }
}
