package dev.tocsin.alerting.surge;

import dev.tocsin.alerting.state.SurgeBucket;
import dev.tocsin.schemas.AlertLevel;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Judges a series' current window against its rolling baseline: it surges when its count is at
 * least {@code minEvents} and above {@code mean + k * sigma}; its level is the count's factor over
 * the larger of the threshold and {@code minEvents}: elevated from 1, high from {@code highAt},
 * critical from {@code criticalAt}.
 */
public final class SurgeDetector {

  private final SurgeSettings settings;

  /** Creates a detector with the given settings. */
  public SurgeDetector(SurgeSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Returns the settings this detector applies. */
  public SurgeSettings settings() {
    return settings;
  }

  /** Returns the verdict on the buckets of a series at the moment {@code now}. */
  public SurgeVerdict judge(List<SurgeBucket> buckets, Instant now) {
    SurgeWindow window = SurgeWindow.at(now, settings);
    return judge(window, window.count(buckets), window.baseline(buckets));
  }

  /** Returns the verdict on a window's count against the counts of earlier windows. */
  public SurgeVerdict judge(SurgeWindow window, long count, long[] earlier) {
    Baseline baseline =
        switch (settings.method()) {
          case SIGMA -> Baseline.sigma(earlier);
          case EWMA -> Baseline.ewma(earlier, settings.alpha());
        };
    double threshold = baseline.mean() + settings.k() * baseline.stdDev();
    double reference = Math.max(threshold, settings.minEvents());
    boolean surging = count >= settings.minEvents() && count > threshold;
    return new SurgeVerdict(
        window,
        count,
        baseline,
        threshold,
        reference,
        surging,
        surging ? levelOf(count / reference) : AlertLevel.INFO);
  }

  /** Returns the level of a surge whose count is {@code factor} times its firing reference. */
  public AlertLevel levelOf(double factor) {
    if (factor >= settings.criticalAt()) {
      return AlertLevel.CRITICAL;
    }
    if (factor >= settings.highAt()) {
      return AlertLevel.HIGH;
    }
    return AlertLevel.ELEVATED;
  }
}
