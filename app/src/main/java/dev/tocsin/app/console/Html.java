package dev.tocsin.app.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes the console's HTML: the page shell, and every value escaped, since most strings come from
 * feeds, which are hostile input.
 */
final class Html {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final StringBuilder out = new StringBuilder(8192);

  /** Appends markup written here, never text from elsewhere. */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  /** Appends {@code text} escaped; null as a dash. */
  Html text(Object text) {
    out.append(text == null ? "–" : escape(text.toString()));
    return this;
  }

  /** Appends {@code <tag>text</tag>} with the text escaped. */
  Html element(String tag, Object text) {
    return raw("<" + tag + ">").text(text).raw("</" + tag.split(" ", 2)[0] + ">");
  }

  /** Appends a link to {@code href} (a console path or an http(s) URL), else the text alone. */
  Html link(String href, Object text) {
    if (href == null || !(href.startsWith("/") || webUrl(href))) {
      return text(text);
    }
    return raw("<a href=\"").text(href).raw("\">").text(text).raw("</a>");
  }

  /** Appends a hidden form field. */
  Html hidden(String name, String value) {
    return raw("<input type=\"hidden\" name=\"")
        .text(name)
        .raw("\" value=\"")
        .text(value)
        .raw("\">");
  }

  /** Appends {@code <option>}s, the one equal to {@code selected} selected; "" is "any". */
  Html options(String selected, String... values) {
    for (String v : values) {
      raw("<option value=\"").text(v).raw(v.equals(selected) ? "\" selected>" : "\">");
      text(v.isEmpty() ? "any" : v.toLowerCase(Locale.ROOT)).raw("</option>");
    }
    return this;
  }

  /** Appends a notice: an error ({@code role=alert}) or a confirmation. */
  Html notice(String message, boolean error) {
    if (message == null || message.isBlank()) {
      return this;
    }
    return raw(error ? "<p role=\"alert\" class=\"error\">" : "<p role=\"status\" class=\"ok\">")
        .text(message)
        .raw("</p>");
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** Returns {@code text} safe in element content and in quoted attribute values. */
  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Returns {@code value} encoded for a URL's path segment or query. */
  static String url(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Returns {@code at} as {@code yyyy-MM-dd HH:mmZ}, or a dash. */
  static String time(Instant at) {
    return at == null ? "–" : TIME.format(at);
  }

  static boolean webUrl(String href) {
    try {
      String scheme = URI.create(href).getScheme();
      return scheme != null
          && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Returns a whole page: the shell with navigation ({@code current} marked), the CSRF-carrying
   * {@code body}.
   */
  static String page(String title, String current, String body) {
    Html h = new Html();
    h.raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .raw("<meta name=\"htmx-config\" content='{\"includeIndicatorStyles\":false,")
        .raw("\"allowEval\":false,\"allowScriptTags\":false}'>")
        .raw("<meta name=\"color-scheme\" content=\"light dark\">")
        .raw("<title>")
        .text(title)
        .raw(" · Tocsin</title>")
        .raw("<link rel=\"stylesheet\" href=\"/static/pico.min.css\">")
        .raw("<link rel=\"stylesheet\" href=\"/static/console.css\">")
        .raw("<script src=\"/static/htmx.min.js\" defer></script>")
        .raw("<script src=\"/static/sse.js\" defer></script>")
        .raw("</head><body><header class=\"container\"><nav aria-label=\"Main\"><ul><li>")
        .raw("<strong>Tocsin</strong></li></ul><ul>");
    for (String[] item :
        new String[][] {
          {"/", "Alerts"}, {"/stories", "Stories"}, {"/feeds", "Feeds"}, {"/silences", "Silences"}
        }) {
      h.raw("<li><a href=\"").raw(item[0]).raw("\"");
      if (item[1].equals(current)) {
        h.raw(" aria-current=\"page\"");
      }
      h.raw(">").raw(item[1]).raw("</a></li>");
    }
    h.raw("</ul></nav></header><main class=\"container\">").raw(body).raw("</main></body></html>");
    return h.toString();
  }
}
