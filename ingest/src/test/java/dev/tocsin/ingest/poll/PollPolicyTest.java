package dev.tocsin.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.SeenItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PollPolicyTest {

  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private static final PollPolicy POLICY = PollPolicy.defaults();

  @Test
  void shouldUseTheConfiguredIntervalUntilTheFeedHasHistory() {
    assertThat(POLICY.interval(feed(300), items(2, Duration.ofMinutes(10)), NOW))
        .isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void shouldPollABusyFeedTwicePerItemButNotBelowTheMinimum() {
    assertThat(POLICY.interval(feed(300), items(20, Duration.ofMinutes(10)), NOW))
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(POLICY.interval(feed(300), items(50, Duration.ofSeconds(20)), NOW))
        .isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void shouldPollAQuietFeedNoLessOftenThanTheMaximum() {
    assertThat(POLICY.interval(feed(300), items(6, Duration.ofHours(20)), NOW))
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void shouldIgnoreUndatedFutureAndOldItems() {
    List<SeenItem> seen = new ArrayList<>(items(3, Duration.ofMinutes(10)));
    seen.add(item(null));
    seen.add(item(NOW.plus(Duration.ofDays(2))));
    seen.add(item(NOW.minus(Duration.ofDays(30))));

    assertThat(POLICY.interval(feed(600), seen, NOW)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void shouldSpreadPollsByAtMostTenPercent() {
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      Duration wait = Duration.between(NOW, POLICY.afterSuccess(feed(600), List.of(), NOW, random));
      assertThat(wait).isBetween(Duration.ofSeconds(540), Duration.ofSeconds(660));
    }
  }

  @Test
  void shouldDoubleTheDelayAfterEachFailureWithJitterUpToTheCap() {
    Random random = new Random(11);
    for (int failures = 1; failures <= 12; failures++) {
      Duration backoff =
          Duration.ofMinutes(5).multipliedBy(1L << (failures - 1)).compareTo(Duration.ofHours(6))
                  > 0
              ? Duration.ofHours(6)
              : Duration.ofMinutes(5).multipliedBy(1L << (failures - 1));
      Duration wait =
          Duration.between(
              NOW, POLICY.afterFailure(feed(300), List.of(), failures, null, NOW, random));
      assertThat(wait).as("after %d failures", failures).isBetween(backoff.dividedBy(2), backoff);
    }
  }

  @Test
  void shouldHonourRetryAfterWhenLongerThanTheBackoffUpToItsCap() {
    Random random = new Random(3);
    assertThat(POLICY.afterFailure(feed(300), List.of(), 1, Duration.ofHours(2), NOW, random))
        .isEqualTo(NOW.plus(Duration.ofHours(2)));
    assertThat(POLICY.afterFailure(feed(300), List.of(), 1, Duration.ofDays(30), NOW, random))
        .isEqualTo(NOW.plus(Duration.ofDays(1)));
    assertThat(POLICY.afterFailure(feed(300), List.of(), 1, Duration.ofSeconds(5), NOW, random))
        .isAfterOrEqualTo(NOW.plus(Duration.ofSeconds(150)));
  }

  @Test
  void shouldReportItemsPerDay() {
    assertThat(PollPolicy.itemsPerDay(items(48, Duration.ofHours(1)), NOW))
        .isCloseTo(24.5, org.assertj.core.data.Offset.offset(0.6));
    assertThat(PollPolicy.itemsPerDay(List.of(), NOW)).isZero();
    assertThat(PollPolicy.itemsPerDay(items(3, Duration.ofMinutes(1)), NOW)).isEqualTo(3.0);
  }

  @Test
  void shouldRejectInconsistentBounds() {
    assertThatThrownBy(
            () ->
                new PollPolicy(
                    Duration.ofHours(2),
                    Duration.ofHours(1),
                    Duration.ofHours(6),
                    Duration.ofDays(1)))
        .hasMessageContaining("maxInterval");
  }

  private static Feed feed(long intervalSeconds) {
    return Feed.newBuilder()
        .setUrl("https://example.org/feed")
        .setName("Example")
        .setOutlet("Example")
        .setPollIntervalSeconds(intervalSeconds)
        .build();
  }

  private static List<SeenItem> items(int count, Duration gap) {
    List<SeenItem> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(item(NOW.minus(gap.multipliedBy(i))));
    }
    return items;
  }

  private static SeenItem item(Instant published) {
    return new SeenItem("s-" + published, "h", 0, published);
  }
}
