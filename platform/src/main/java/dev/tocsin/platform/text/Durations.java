package dev.tocsin.platform.text;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the spans operators write in settings, profiles and on the command line: {@code 500ms},
 * {@code 90s}, {@code 5m}, {@code 2h}, {@code 7d}, or ISO-8601 ({@code PT1M}, {@code P7D}).
 */
public final class Durations {

  private Durations() {}

  /** Returns the span {@code value} writes, or empty when it is not one. */
  public static Optional<Duration> parse(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("p")) {
        return Optional.of(Duration.parse(v.toUpperCase(Locale.ROOT)));
      }
      if (v.endsWith("ms")) {
        return Optional.of(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2))));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Optional.of(Duration.ofSeconds(n));
        case 'm' -> Optional.of(Duration.ofMinutes(n));
        case 'h' -> Optional.of(Duration.ofHours(n));
        case 'd' -> Optional.of(Duration.ofDays(n));
        default -> Optional.empty();
      };
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
