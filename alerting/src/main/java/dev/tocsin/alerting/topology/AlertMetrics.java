package dev.tocsin.alerting.topology;

import dev.tocsin.schemas.EscalationAlert;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * Alerting's own meters: {@code tocsin_alerts_total{level,status,kind}} and the histogram {@code
 * tocsin_end_to_end_latency_seconds}, from the time the story that changed a cluster was written to
 * {@code stories.raw} to the time the alert it caused is produced.
 *
 * <p>They count as records are processed, before the transaction that writes them commits: when a
 * task is retried after an aborted transaction, the alerts it produces again are counted again.
 */
final class AlertMetrics {

  private final MeterRegistry registry;
  private final Timer latency;

  AlertMetrics(MeterRegistry registry) {
    this.registry = registry;
    // Buckets from 50 ms to 5 min: the pipeline's own delay; a feed's publication delay is not in
    // it.
    latency =
        Timer.builder("tocsin.end.to.end.latency")
            .description(
                "From a story's write to stories.raw to the alert it caused being produced")
            .publishPercentileHistogram()
            .serviceLevelObjectives(
                Duration.ofMillis(100),
                Duration.ofMillis(250),
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                Duration.ofMillis(2500),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10))
            .minimumExpectedValue(Duration.ofMillis(50))
            .maximumExpectedValue(Duration.ofMinutes(5))
            .register(registry);
  }

  /** Counts one alert produced; {@code sinceIngest} is null when no story caused it. */
  void produced(EscalationAlert alert, Duration sinceIngest) {
    Counter.builder("tocsin.alerts")
        .description("Alert state changes written to alerts, by level, status and kind")
        .tag("level", lower(alert.getLevel()))
        .tag("status", lower(alert.getStatus()))
        .tag("kind", lower(alert.getKind()))
        .register(registry)
        .increment();
    if (sinceIngest != null) {
      latency.record(sinceIngest.isNegative() ? Duration.ZERO : sinceIngest);
    }
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
