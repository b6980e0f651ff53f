package dev.tocsin.ingest.feed;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** Shapes the fields every feed format shares: links, titles, languages, blanks. */
final class ItemFields {

  /** The longest title derived from an item's text, in code points. */
  static final int DERIVED_TITLE_LENGTH = 100;

  private ItemFields() {}

  /** Returns {@code s} stripped, or null when it is null or blank. */
  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /**
   * Returns {@code title} when it has text, else an excerpt of the first fallback with text (at a
   * word boundary, at most {@value #DERIVED_TITLE_LENGTH} code points plus an ellipsis), else "".
   */
  static String title(String title, String... fallbacks) {
    if (title != null && !title.isBlank()) {
      return title.strip();
    }
    for (String fallback : fallbacks) {
      if (fallback != null && !fallback.isBlank()) {
        return excerpt(HtmlText.collapse(fallback));
      }
    }
    return "";
  }

  private static String excerpt(String text) {
    if (text.codePointCount(0, text.length()) <= DERIVED_TITLE_LENGTH) {
      return text;
    }
    String cut = text.substring(0, text.offsetByCodePoints(0, DERIVED_TITLE_LENGTH));
    int space = cut.lastIndexOf(' ');
    if (space > DERIVED_TITLE_LENGTH / 2) {
      cut = cut.substring(0, space);
    }
    return cut.strip() + "\u2026";
  }

  /** Returns a language tag in BCP 47 shape ({@code en_us} becomes {@code en-us}), or null. */
  static String language(String tag) {
    String stripped = blankToNull(tag);
    return stripped == null ? null : stripped.replace('_', '-');
  }

  /**
   * Returns {@code base} resolved against {@code against} when the result is an absolute
   * hierarchical URI, else empty.
   */
  static Optional<URI> base(URI against, String base) {
    return resolve(against, base).filter(u -> u.isAbsolute() && !u.isOpaque());
  }

  /**
   * Returns {@code link} resolved against {@code base} as an absolute URI string, or null when
   * there is no link, it cannot be made absolute, or it is a script or data URI.
   */
  static String absoluteLink(URI base, String link) {
    Optional<URI> resolved = resolve(base, link);
    if (resolved.isEmpty() || !resolved.get().isAbsolute()) {
      return null;
    }
    String scheme = resolved.get().getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("javascript") || scheme.equals("data")) {
      return null;
    }
    return resolved.get().toString();
  }

  /** Characters feeds put in links that RFC 3986 does not allow there, as browsers escape them. */
  private static final String ILLEGAL = " \"<>\\^`{|}[]";

  /**
   * Percent-encodes the characters of {@code link} that are not allowed in a URI, except the
   * brackets of an IPv6 host.
   */
  static String escapeIllegal(String link) {
    int scheme = link.indexOf("://");
    int pathStart = scheme < 0 ? 0 : link.indexOf('/', scheme + 3);
    if (pathStart < 0) {
      pathStart = link.length();
    }
    StringBuilder out = null;
    for (int i = 0; i < link.length(); i++) {
      char c = link.charAt(i);
      boolean inHost = i < pathStart && (c == '[' || c == ']');
      if (ILLEGAL.indexOf(c) >= 0 && !inHost) {
        if (out == null) {
          out = new StringBuilder(link.length() + 8).append(link, 0, i);
        }
        out.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? link : out.toString();
  }

  private static Optional<URI> resolve(URI against, String reference) {
    String stripped = blankToNull(reference);
    if (stripped == null) {
      return Optional.empty();
    }
    try {
      URI ref = new URI(escapeIllegal(stripped));
      if (ref.isAbsolute() || against == null || against.isOpaque()) {
        return Optional.of(ref);
      }
      URI from = against;
      // java.net.URI resolves "a" against "http://h" to "http://ha"; give the base its root path.
      if (from.getRawAuthority() != null
          && (from.getRawPath() == null || from.getRawPath().isEmpty())) {
        from = new URI(from.getScheme() + "://" + from.getRawAuthority() + "/");
      }
      return Optional.of(from.resolve(ref));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
