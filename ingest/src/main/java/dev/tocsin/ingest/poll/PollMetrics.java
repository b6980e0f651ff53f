package dev.tocsin.ingest.poll;

import dev.tocsin.schemas.FeedErrorKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Ingest's own counters: {@code tocsin_feed_polls_total{outcome}}, {@code
 * tocsin_feed_fetch_errors_total{reason}} and {@code tocsin_stories_in_total}, counted when a
 * poll's transaction commits.
 */
public final class PollMetrics {

  private final Counter changed;
  private final Counter notModified;
  private final Counter failed;
  private final Counter storiesIn;
  private final Map<FeedErrorKind, Counter> errors = new EnumMap<>(FeedErrorKind.class);

  /** Registers the counters with {@code registry}. */
  public PollMetrics(MeterRegistry registry) {
    changed = polls(registry, "changed");
    notModified = polls(registry, "not_modified");
    failed = polls(registry, "error");
    storiesIn =
        Counter.builder("tocsin.stories.in")
            .description("New or changed stories published to stories.raw")
            .register(registry);
    for (FeedErrorKind kind : FeedErrorKind.values()) {
      if (kind != FeedErrorKind.NONE && kind != FeedErrorKind.UNKNOWN) {
        errors.put(
            kind,
            Counter.builder("tocsin.feed.fetch.errors")
                .description("Failed feed polls, by reason")
                .tag("reason", kind.name().toLowerCase(Locale.ROOT))
                .register(registry));
      }
    }
  }

  /** Counters that go nowhere, for tools and tests. */
  public static PollMetrics none() {
    return new PollMetrics(new SimpleMeterRegistry());
  }

  private static Counter polls(MeterRegistry registry, String outcome) {
    return Counter.builder("tocsin.feed.polls")
        .description("Feed polls, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  void polled(int stories) {
    changed.increment();
    storiesIn.increment(stories);
  }

  void notModified() {
    notModified.increment();
  }

  void failed(FeedErrorKind kind) {
    failed.increment();
    Counter counter = errors.get(kind);
    if (counter != null) {
      counter.increment();
    }
  }
}
