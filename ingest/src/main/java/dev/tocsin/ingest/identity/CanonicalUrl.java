package dev.tocsin.ingest.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Normalizes article links so the same article has the same URL whatever the tracking or case
 * noise: lower-case scheme and host, no {@code www.}, no default port, no fragment, no tracking
 * parameters, sorted query parameters, no trailing slash.
 */
public final class CanonicalUrl {

  private static final Set<String> TRACKING =
      Set.of(
          "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "ref",
          "ref_src", "cmpid", "ocid", "_ga", "spm", "rss", "from", "feature", "smid", "cid");

  private CanonicalUrl() {}

  /** Returns the canonical form of {@code url}, or empty when it is not an absolute http(s) URL. */
  public static Optional<String> of(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
      return Optional.empty();
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.startsWith("www.")) {
      host = host.substring(4);
    }
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/{2,}", "/");
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    List<String> params = new ArrayList<>();
    if (uri.getRawQuery() != null) {
      for (String param : uri.getRawQuery().split("&")) {
        String name = param.split("=", 2)[0].toLowerCase(Locale.ROOT);
        if (!param.isEmpty() && !name.startsWith("utm_") && !TRACKING.contains(name)) {
          params.add(param);
        }
      }
    }
    params.sort(null);
    StringBuilder out = new StringBuilder(scheme).append("://").append(host);
    if (!defaultPort) {
      out.append(':').append(port);
    }
    out.append(path.isEmpty() ? "/" : path);
    if (!params.isEmpty()) {
      out.append('?').append(String.join("&", params));
    }
    return Optional.of(out.toString());
  }
}
