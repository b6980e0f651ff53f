package dev.tocsin.alerting.surge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tocsin.platform.text.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Settings of surge detection, read from the {@code surge:} section of the watch profile.
 *
 * @param bucket resolution of the counts: counts are kept per bucket, aligned to the epoch
 * @param current length of the window whose count is judged; a multiple of {@code bucket}
 * @param window length of the baseline before the current window; a multiple of {@code current}
 * @param method how the baseline is estimated from the earlier windows
 * @param k a window surges when its count exceeds the baseline mean plus {@code k} sigmas
 * @param alpha weight of the newest window in the {@code ewma} method, in (0, 1]
 * @param minEvents a window with fewer clusters never surges
 * @param minSpacing no new surge alert for a series within this span after it last fired
 * @param quietPeriod an open surge alert resolves once its series has been back under the threshold
 *     for this long
 * @param highAt factor over the firing reference from which a surge is high
 * @param criticalAt factor over the firing reference from which a surge is critical
 */
public record SurgeSettings(
    Duration bucket,
    Duration current,
    Duration window,
    SurgeMethod method,
    double k,
    double alpha,
    int minEvents,
    Duration minSpacing,
    Duration quietPeriod,
    double highAt,
    double criticalAt) {

  /** Most buckets a series may keep: bounds the state of a series. */
  public static final int MAX_BUCKETS = 20_000;

  private static final List<String> KEYS =
      List.of(
          "bucket",
          "current",
          "window",
          "method",
          "k",
          "alpha",
          "minEvents",
          "minSpacing",
          "quietPeriod",
          "highAt",
          "criticalAt");

  /** Validates the settings, naming the profile key and the bad value. */
  public SurgeSettings {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(minSpacing, "minSpacing");
    Objects.requireNonNull(quietPeriod, "quietPeriod");
    require(positive(bucket), "bucket", text(bucket), "must be positive");
    require(
        positive(current) && current.toMillis() % bucket.toMillis() == 0,
        "current",
        text(current),
        "must be a positive multiple of surge.bucket (" + text(bucket) + ")");
    require(
        positive(window) && window.toMillis() % current.toMillis() == 0,
        "window",
        text(window),
        "must be a positive multiple of surge.current (" + text(current) + ")");
    require(
        window.toMillis() / current.toMillis() >= 2,
        "window",
        text(window),
        "must hold at least two surge.current windows (" + text(current) + ")");
    require(
        (window.toMillis() + current.toMillis()) / bucket.toMillis() <= MAX_BUCKETS,
        "bucket",
        text(bucket),
        "is too small: surge.window plus surge.current would hold more than "
            + MAX_BUCKETS
            + " buckets");
    require(Double.isFinite(k) && k >= 0, "k", k, "must be zero or more");
    require(alpha > 0 && alpha <= 1, "alpha", alpha, "must be in (0, 1]");
    require(minEvents >= 1, "minEvents", minEvents, "must be at least 1");
    require(!minSpacing.isNegative(), "minSpacing", text(minSpacing), "must not be negative");
    require(positive(quietPeriod), "quietPeriod", text(quietPeriod), "must be positive");
    require(Double.isFinite(highAt) && highAt > 1, "highAt", highAt, "must be greater than 1");
    require(
        Double.isFinite(criticalAt) && criticalAt > highAt,
        "criticalAt",
        criticalAt,
        "must be greater than surge.highAt (" + highAt + ")");
  }

  /**
   * Returns the defaults: hourly buckets, the last 6 h against the 28 six-hour windows of the 7
   * days before, mean + 3 sigma, at least 3 clusters, 24 h between peaks, resolved after 12 quiet
   * hours.
   */
  public static SurgeSettings defaults() {
    return new SurgeSettings(
        Duration.ofHours(1),
        Duration.ofHours(6),
        Duration.ofDays(7),
        SurgeMethod.SIGMA,
        3.0,
        0.3,
        3,
        Duration.ofHours(24),
        Duration.ofHours(12),
        2.0,
        4.0);
  }

  /** Returns the number of earlier windows in the baseline. */
  public int baselineWindows() {
    return (int) (window.toMillis() / current.toMillis());
  }

  /**
   * Reads the {@code surge:} section of a watch profile in YAML; keys it leaves out keep their
   * {@link #defaults()}, and a profile without the section gets the defaults.
   */
  public static SurgeSettings fromProfile(InputStream yaml) {
    Objects.requireNonNull(yaml, "yaml");
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException("Invalid watch profile: " + e.getMessage(), e);
    }
    JsonNode section = root == null ? null : root.get("surge");
    if (section == null || section.isNull()) {
      return defaults();
    }
    return fromSection(section);
  }

  private static SurgeSettings fromSection(JsonNode section) {
    if (!section.isObject()) {
      throw invalid("", section, "must be a map of " + KEYS);
    }
    for (Iterator<String> names = section.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KEYS.contains(name)) {
        throw new IllegalArgumentException(
            "Invalid watch profile: unknown key 'surge." + name + "' (known: " + KEYS + ")");
      }
    }
    SurgeSettings d = defaults();
    return new SurgeSettings(
        duration(section, "bucket", d.bucket()),
        duration(section, "current", d.current()),
        duration(section, "window", d.window()),
        method(section, d.method()),
        number(section, "k", d.k()),
        number(section, "alpha", d.alpha()),
        (int) whole(section, "minEvents", d.minEvents()),
        duration(section, "minSpacing", d.minSpacing()),
        duration(section, "quietPeriod", d.quietPeriod()),
        number(section, "highAt", d.highAt()),
        number(section, "criticalAt", d.criticalAt()));
  }

  private static Duration duration(JsonNode section, String key, Duration fallback) {
    JsonNode node = section.get(key);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isTextual()) {
      throw invalid(key, node, "must be a duration such as 30m, 6h, 7d or PT6H");
    }
    return Durations.parse(node.asText())
        .orElseThrow(() -> invalid(key, node, "must be a duration such as 30m, 6h, 7d or PT6H"));
  }

  private static SurgeMethod method(JsonNode section, SurgeMethod fallback) {
    JsonNode node = section.get("method");
    if (node == null || node.isNull()) {
      return fallback;
    }
    try {
      return SurgeMethod.of(node.asText());
    } catch (IllegalArgumentException e) {
      throw invalid("method", node, "must be 'sigma' or 'ewma'");
    }
  }

  private static double number(JsonNode section, String key, double fallback) {
    JsonNode node = section.get(key);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isNumber()) {
      throw invalid(key, node, "must be a number");
    }
    return node.asDouble();
  }

  private static long whole(JsonNode section, String key, long fallback) {
    JsonNode node = section.get(key);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw invalid(key, node, "must be a whole number");
    }
    return node.asLong();
  }

  /** Returns a span as people write it: {@code 7d}, {@code 6h}, {@code 90m} or ISO-8601. */
  static String text(Duration span) {
    if (positive(span) && span.toDays() > 0 && span.equals(Duration.ofDays(span.toDays()))) {
      return span.toDays() + "d";
    }
    if (positive(span) && span.equals(Duration.ofHours(span.toHours()))) {
      return span.toHours() + "h";
    }
    if (positive(span) && span.equals(Duration.ofMinutes(span.toMinutes()))) {
      return span.toMinutes() + "m";
    }
    return span.toString();
  }

  private static boolean positive(Duration span) {
    return !span.isNegative() && !span.isZero();
  }

  private static IllegalArgumentException invalid(String key, JsonNode node, String problem) {
    return new IllegalArgumentException(
        "Invalid watch profile: 'surge"
            + (key.isEmpty() ? "" : "." + key)
            + "' "
            + problem
            + ": '"
            + node.asText()
            + "'");
  }

  private static void require(boolean ok, String key, Object value, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(
          "Invalid watch profile: 'surge." + key + "' " + problem + ": '" + value + "'");
    }
  }
}
