package dev.tocsin.alerting.surge;

import dev.tocsin.schemas.AlertLevel;

/**
 * How a series' current window compares with its baseline.
 *
 * @param window the windows judged
 * @param count clusters in the current window
 * @param baseline expected count per window and its spread
 * @param threshold {@code mean + k * sigma}: a count above it (and at least {@code minEvents})
 *     surges
 * @param reference the larger of the threshold and {@code minEvents}: the level is the count's
 *     factor over it
 * @param surging whether the current window surges
 * @param level the surge's level, {@link AlertLevel#INFO} when it does not surge
 */
public record SurgeVerdict(
    SurgeWindow window,
    long count,
    Baseline baseline,
    double threshold,
    double reference,
    boolean surging,
    AlertLevel level) {

  /** Returns the count's factor over the firing reference. */
  public double factor() {
    return count / reference;
  }
}
