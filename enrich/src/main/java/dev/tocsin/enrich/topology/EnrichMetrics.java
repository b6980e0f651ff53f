package dev.tocsin.enrich.topology;

import dev.tocsin.schemas.DedupMethod;
import dev.tocsin.schemas.DedupStatus;
import dev.tocsin.schemas.DedupVerdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enrich's own counters: {@code tocsin_stories_out_total}, {@code tocsin_relevant_total}, {@code
 * tocsin_duplicates_total{method}} and {@code tocsin_enrich_dead_letters_total{reason}}, and the
 * gauge {@code tocsin_enrich_index_stories}: the stories the index task of this instance holds.
 *
 * <p>They count as records are processed, before the transaction that writes them commits: when a
 * task is retried after an aborted transaction, the records it processes again are counted again,
 * so under {@code exactly_once_v2} a count can run ahead of the topic by what a retry repeated.
 */
final class EnrichMetrics {

  /** The reason of a raw record that is not a decodable story. */
  static final String UNDECODABLE = "undecodable";

  private final MeterRegistry registry;
  private final Counter storiesOut;
  private final Counter relevant;
  private final Map<DedupMethod, Counter> duplicates = new EnumMap<>(DedupMethod.class);
  // Stories held by each index task of this instance (several with more than one index partition).
  private final Map<String, Integer> indexed = new ConcurrentHashMap<>();

  EnrichMetrics(MeterRegistry registry) {
    this.registry = registry;
    storiesOut =
        Counter.builder("tocsin.stories.out")
            .description("Enriched stories written to stories.enriched")
            .register(registry);
    relevant =
        Counter.builder("tocsin.relevant")
            .description("Unique on-watch stories written to stories.relevant")
            .register(registry);
    for (DedupMethod method : DedupMethod.values()) {
      duplicates.put(
          method,
          Counter.builder("tocsin.duplicates")
              .description("Copies suppressed and written to stories.duplicates, by method")
              .tag("method", method.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    deadLetters(UNDECODABLE);
    Gauge.builder(
            "tocsin.enrich.index.stories",
            indexed,
            held -> held.values().stream().mapToInt(Integer::intValue).sum())
        .description("Stories the index task holds for judging copies and clusters")
        .register(registry);
  }

  /** Records how many stories an index task holds. */
  void indexed(String task, int stories) {
    indexed.put(task, stories);
  }

  /** Records that an index task of this instance closed or moved away. */
  void indexClosed(String task) {
    indexed.remove(task);
  }

  /** Counts one story written to stories.enriched, and what else its verdicts publish it as. */
  void enriched(DedupVerdict dedup, boolean onWatch) {
    storiesOut.increment();
    if (dedup.getStatus() == DedupStatus.DUPLICATE) {
      DedupMethod method = dedup.getMethod();
      duplicates.get(method == null ? DedupMethod.UNKNOWN : method).increment();
    } else if (onWatch) {
      relevant.increment();
    }
  }

  /** Counts one raw record written to the dead-letter topic. */
  void deadLettered(String reason) {
    deadLetters(reason).increment();
  }

  private Counter deadLetters(String reason) {
    return Counter.builder("tocsin.enrich.dead.letters")
        .description("Raw records enrich wrote to stories.dlq, by reason")
        .tag("reason", reason)
        .register(registry);
  }
}
