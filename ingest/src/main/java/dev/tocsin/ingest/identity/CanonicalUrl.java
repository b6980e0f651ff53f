package dev.tocsin.ingest.identity;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalizes article links so that one article has one URL whatever the tracking and case noise.
 *
 * <p>The canonical form of an http(s) URL has:
 *
 * <ul>
 *   <li>a lower-case scheme, kept as given ({@code http} is not upgraded to {@code https});
 *   <li>a lower-case host in ASCII (IDNA), without user info, a trailing dot or a leading {@code
 *       www.}, and without the scheme's default port;
 *   <li>a path with dot segments resolved, runs of slashes collapsed, no {@code ;jsessionid=}, no
 *       trailing slash (except the root {@code /}), percent-escapes in upper case and unreserved
 *       characters unescaped;
 *   <li>a query without tracking parameters and empty parameters (and without the {@code amp;} that
 *       a doubly escaped {@code &amp;} leaves), the rest sorted by name then value, and no {@code
 *       ?} when nothing is left;
 *   <li>no fragment.
 * </ul>
 *
 * <p>Tracking parameters, matched case-insensitively: every name starting with {@code utm_} (Google
 * Analytics), {@code pk_} (Matomo/Piwik), {@code mtm_} (Matomo) or {@code hsa_} (HubSpot ads), and
 * the names in {@link #TRACKING_PARAMETERS}: click ids ({@code fbclid gclid gclsrc dclid gbraid
 * wbraid msclkid yclid twclid ttclid li_fat_id igshid igsh}), mailing tools ({@code mc_cid mc_eid
 * _hsenc _hsmi mkt_tok}), analytics cookies ({@code _ga _gl}), referral and campaign markers
 * ({@code ref ref_src ref_url cmpid cmp ocid spm scm xtor at_medium at_campaign icid s_cid
 * wt.mc_id}), comScore ({@code ns_mchannel ns_source ns_campaign ns_linkname ns_fee}) and share
 * markers of news sites ({@code smid smtyp soc_src soc_trk}). The list is deliberately
 * conservative: removing a parameter that identifies content (such as {@code id}, {@code p} or
 * {@code cid}, which some sites use for articles) would merge different stories.
 */
public final class CanonicalUrl {

  /** Query parameter names removed as tracking, in lower case; see the class comment. */
  public static final Set<String> TRACKING_PARAMETERS =
      Set.of(
          "fbclid",
          "gclid",
          "gclsrc",
          "dclid",
          "gbraid",
          "wbraid",
          "msclkid",
          "yclid",
          "twclid",
          "ttclid",
          "li_fat_id",
          "igshid",
          "igsh",
          "mc_cid",
          "mc_eid",
          "_hsenc",
          "_hsmi",
          "mkt_tok",
          "_ga",
          "_gl",
          "ref",
          "ref_src",
          "ref_url",
          "cmpid",
          "cmp",
          "ocid",
          "spm",
          "scm",
          "xtor",
          "at_medium",
          "at_campaign",
          "icid",
          "s_cid",
          "wt.mc_id",
          "ns_mchannel",
          "ns_source",
          "ns_campaign",
          "ns_linkname",
          "ns_fee",
          "smid",
          "smtyp",
          "soc_src",
          "soc_trk");

  /** Query parameter name prefixes removed as tracking, in lower case. */
  public static final List<String> TRACKING_PREFIXES = List.of("utm_", "pk_", "mtm_", "hsa_");

  private static final Pattern ESCAPE = Pattern.compile("%([0-9A-Fa-f]{2})");
  private static final Pattern SLASHES = Pattern.compile("/{2,}");
  private static final Pattern SESSION_ID = Pattern.compile("(?i);jsessionid=[^/]*");
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

  /** Characters that browsers accept in links but {@link URI} does not, with their escapes. */
  private static final String[][] LENIENT_ESCAPES = {
    {" ", "%20"},
    {"\"", "%22"},
    {"<", "%3C"},
    {">", "%3E"},
    {"\\", "%5C"},
    {"^", "%5E"},
    {"`", "%60"},
    {"{", "%7B"},
    {"|", "%7C"},
    {"}", "%7D"}
  };

  private CanonicalUrl() {}

  /**
   * Returns the canonical form of {@code url}, or empty when it is null, not absolute http(s), or
   * cannot be parsed.
   */
  public static Optional<String> of(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    URI original;
    URI uri;
    try {
      original = new URI(lenient(url.strip()));
      // Non-ASCII path and query characters become UTF-8 escapes, as browsers send them.
      uri = new URI(original.toASCIIString());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.isOpaque()) {
      return Optional.empty();
    }
    Optional<HostPort> hostPort = hostPort(original);
    if (hostPort.isEmpty()) {
      return Optional.empty();
    }
    String host = hostPort.get().host();
    int port = hostPort.get().port();
    StringBuilder out = new StringBuilder(scheme).append("://").append(host);
    if (port != -1 && port != (scheme.equals("http") ? 80 : 443)) {
      out.append(':').append(port);
    }
    out.append(path(uri.getRawPath()));
    String query = query(uri.getRawQuery());
    if (!query.isEmpty()) {
      out.append('?').append(query);
    }
    return Optional.of(out.toString());
  }

  private record HostPort(String host, int port) {}

  // URI leaves host null for registry-based authorities such as "my_site.example" or a Unicode
  // host name; parse those from the authority.
  private static Optional<HostPort> hostPort(URI uri) {
    String host = uri.getHost();
    int port = uri.getPort();
    if (host == null) {
      String authority = uri.getRawAuthority();
      if (authority == null) {
        return Optional.empty();
      }
      authority = authority.substring(authority.lastIndexOf('@') + 1);
      int colon = authority.lastIndexOf(':');
      if (colon >= 0 && !authority.endsWith("]")) {
        try {
          port = Integer.parseInt(authority.substring(colon + 1));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
        authority = authority.substring(0, colon);
      }
      host = authority;
    }
    host = host.toLowerCase(Locale.ROOT);
    while (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    try {
      host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      // Not a valid IDN label (e.g. an underscore): keep the lower-cased form.
    }
    if (host.startsWith("www.") && host.indexOf('.', 4) > 0) {
      host = host.substring(4);
    }
    return host.isEmpty() ? Optional.empty() : Optional.of(new HostPort(host, port));
  }

  private static String path(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    String path = SESSION_ID.matcher(rawPath).replaceAll("");
    path = SLASHES.matcher(path).replaceAll("/");
    try {
      path = new URI(path).normalize().getRawPath();
    } catch (URISyntaxException e) {
      // Keep the collapsed path as is; dot segments are rare in links.
    }
    if (path.isEmpty() || !path.startsWith("/")) {
      path = "/" + path;
    }
    while (path.startsWith("/../")) {
      path = path.substring(3);
    }
    path = normalizeEscapes(path);
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path;
  }

  private static String query(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> kept = new ArrayList<>();
    for (String parameter : rawQuery.split("&")) {
      if (parameter.isEmpty()) {
        continue;
      }
      int equals = parameter.indexOf('=');
      String name = normalizeEscapes(equals < 0 ? parameter : parameter.substring(0, equals));
      // "&amp;" escaped twice by the feed leaves "amp;" glued to the next name.
      while (name.startsWith("amp;")) {
        name = name.substring(4);
      }
      String value = equals < 0 ? null : normalizeEscapes(parameter.substring(equals + 1));
      if (name.isEmpty() || isTracking(name)) {
        continue;
      }
      kept.add(new String[] {name, value});
    }
    kept.sort(
        Comparator.<String[], String>comparing(p -> p[0])
            .thenComparing(p -> p[1], Comparator.nullsFirst(Comparator.naturalOrder())));
    List<String> parts = new ArrayList<>(kept.size());
    for (String[] p : kept) {
      parts.add(p[1] == null ? p[0] : p[0] + "=" + p[1]);
    }
    return String.join("&", parts);
  }

  private static boolean isTracking(String name) {
    String lower = decodeForMatching(name).toLowerCase(Locale.ROOT);
    if (TRACKING_PARAMETERS.contains(lower)) {
      return true;
    }
    for (String prefix : TRACKING_PREFIXES) {
      if (lower.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static String decodeForMatching(String name) {
    try {
      return URLDecoder.decode(name, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return name;
    }
  }

  /** Upper-cases percent-escapes and unescapes the unreserved characters (RFC 3986, 6.2.2). */
  private static String normalizeEscapes(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    Matcher m = ESCAPE.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      char c = (char) Integer.parseInt(m.group(1), 16);
      String replacement =
          UNRESERVED.indexOf(c) >= 0
              ? String.valueOf(c)
              : "%" + m.group(1).toUpperCase(Locale.ROOT);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String lenient(String url) {
    String escaped = url;
    for (String[] escape : LENIENT_ESCAPES) {
      escaped = escaped.replace(escape[0], escape[1]);
    }
    return escaped;
  }
}
