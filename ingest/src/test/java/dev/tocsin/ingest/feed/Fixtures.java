package dev.tocsin.ingest.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;

/** Loads the feed documents under {@code src/test/resources/feeds}. */
final class Fixtures {

  private Fixtures() {}

  /** Returns the bytes of {@code feeds/<name>}. */
  static byte[] bytes(String name) {
    String path = "/feeds/" + name;
    try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + path, e);
    }
  }

  /** Returns a made-up feed URL for {@code name}. */
  static URI url(String name) {
    return URI.create("https://feeds.example/" + name);
  }
}
