package dev.tocsin.ingest.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Derives stable story ids and content hashes.
 *
 * <p>A story id is {@code u-}, {@code g-} or {@code c-} followed by the first 16 hex digits of a
 * SHA-256: of the canonical URL when the item has one (the same article from any feed gets the same
 * id); else of the feed URL and the GUID (GUIDs are unique only within a feed); else of the
 * normalized title and text. Text is normalized by NFKC, lower case in {@link Locale#ROOT},
 * invisible characters removed and whitespace collapsed, so the machine's locale and Unicode
 * spelling variants do not change an id.
 */
public final class StoryIds {

  /** The number of hex digits of the hash kept in an id (64 bits). */
  public static final int ID_HEX_DIGITS = 16;

  private static final Pattern SPACES =
      Pattern.compile("[\\s\\p{Z}]+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern INVISIBLE = Pattern.compile("[\\u00AD\\u200B\\u2060\\uFEFF]");

  private StoryIds() {}

  /**
   * Returns the story id of an item.
   *
   * @param canonicalUrl the item's canonical URL ({@link CanonicalUrl#of}), may be null
   * @param guid the item's GUID, may be null
   * @param feedUrl the URL of the feed the item came from
   * @param title the item's title, may be null
   * @param text the item's text, may be null
   */
  public static String of(
      String canonicalUrl, String guid, String feedUrl, String title, String text) {
    Objects.requireNonNull(feedUrl, "feedUrl");
    if (canonicalUrl != null && !canonicalUrl.isBlank()) {
      return "u-" + sha256(canonicalUrl).substring(0, ID_HEX_DIGITS);
    }
    if (guid != null && !guid.isBlank()) {
      return "g-" + sha256(feedUrl + "\n" + guid.strip()).substring(0, ID_HEX_DIGITS);
    }
    return "c-" + contentHash(title, text).substring(0, ID_HEX_DIGITS);
  }

  /**
   * Returns the full hex SHA-256 of the normalized title and text joined by a newline; a story
   * whose hash changes has been revised.
   */
  public static String contentHash(String title, String text) {
    return sha256(normalize(title) + "\n" + normalize(text));
  }

  /** Returns {@code s} in NFKC, lower case, without invisible characters, whitespace collapsed. */
  static String normalize(String s) {
    if (s == null) {
      return "";
    }
    String folded = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    return SPACES.matcher(INVISIBLE.matcher(folded).replaceAll("")).replaceAll(" ").strip();
  }

  private static String sha256(String s) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
