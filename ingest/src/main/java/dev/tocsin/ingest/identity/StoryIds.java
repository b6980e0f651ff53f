package dev.tocsin.ingest.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/** Derives stable story ids: from the canonical URL, else the GUID, else the content. */
public final class StoryIds {

  private StoryIds() {}

  /** Returns the story id of an item. */
  public static String of(
      String canonicalUrl, String guid, String feedUrl, String title, String text) {
    Objects.requireNonNull(feedUrl, "feedUrl");
    if (canonicalUrl != null && !canonicalUrl.isBlank()) {
      return "u-" + sha256(canonicalUrl).substring(0, 16);
    }
    if (guid != null && !guid.isBlank()) {
      return "g-" + sha256(feedUrl + "\n" + guid.strip()).substring(0, 16);
    }
    return "c-" + sha256(normalize(title) + "\n" + normalize(text)).substring(0, 16);
  }

  /** Returns the hex SHA-256 of the normalized title and text; a change means a revision. */
  public static String contentHash(String title, String text) {
    return sha256(normalize(title) + "\n" + normalize(text));
  }

  static String normalize(String s) {
    if (s == null) {
      return "";
    }
    return Normalizer.normalize(s, Normalizer.Form.NFKC)
        .toLowerCase(Locale.ROOT)
        .replaceAll("\\s+", " ")
        .strip();
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
