package dev.tocsin.alerting.surge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tocsin.alerting.state.SurgeBucket;
import dev.tocsin.schemas.AlertLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SurgeDetectorTest {

  private static final Instant NOW = Instant.parse("2026-03-09T10:30:00Z");
  private final SurgeSettings settings = SurgeSettings.defaults();
  private final SurgeDetector detector = new SurgeDetector(settings);

  private SurgeWindow window() {
    return SurgeWindow.at(NOW, settings);
  }

  @Test
  void shouldEndTheCurrentWindowWithTheBucketOfTheMoment() {
    SurgeWindow w = window();

    assertThat(w.end()).isEqualTo(Instant.parse("2026-03-09T11:00:00Z"));
    assertThat(w.start()).isEqualTo(Instant.parse("2026-03-09T05:00:00Z"));
    assertThat(w.baselineStart()).isEqualTo(Instant.parse("2026-03-02T05:00:00Z"));
    assertThat(w.baselineWindows()).isEqualTo(28);
  }

  @Test
  void shouldSplitBucketsIntoTheCurrentWindowAndTheBaselineWindows() {
    List<SurgeBucket> buckets = new ArrayList<>();
    buckets.add(new SurgeBucket(Instant.parse("2026-03-02T04:00:00Z"), 9L)); // before the baseline
    buckets.add(new SurgeBucket(Instant.parse("2026-03-02T05:00:00Z"), 2L)); // first window
    buckets.add(new SurgeBucket(Instant.parse("2026-03-02T10:00:00Z"), 1L)); // first window
    buckets.add(new SurgeBucket(Instant.parse("2026-03-09T04:00:00Z"), 3L)); // last window
    buckets.add(new SurgeBucket(Instant.parse("2026-03-09T05:00:00Z"), 4L)); // current
    buckets.add(new SurgeBucket(Instant.parse("2026-03-09T10:00:00Z"), 1L)); // current

    long[] baseline = window().baseline(buckets);

    assertThat(window().count(buckets)).isEqualTo(5);
    assertThat(baseline).hasSize(28);
    assertThat(baseline[0]).isEqualTo(3);
    assertThat(baseline[27]).isEqualTo(3);
    assertThat(java.util.Arrays.stream(baseline).sum()).isEqualTo(6);
  }

  @Test
  void shouldNotSurgeBelowMinEventsEvenOnAnEmptyBaseline() {
    SurgeVerdict two = detector.judge(window(), 2, new long[28]);
    SurgeVerdict three = detector.judge(window(), 3, new long[28]);

    assertThat(two.threshold()).isZero();
    assertThat(two.surging()).isFalse();
    assertThat(two.level()).isEqualTo(AlertLevel.INFO);
    assertThat(three.surging()).isTrue();
    assertThat(three.level()).isEqualTo(AlertLevel.ELEVATED);
  }

  @Test
  void shouldSurgeOnlyAboveMeanPlusKSigma() {
    // 14 windows of 1 and 14 of 0: mean 0.5, sigma 0.5, threshold 0.5 + 3 * 0.5 = 2.
    long[] earlier = new long[28];
    for (int i = 0; i < 28; i += 2) {
      earlier[i] = 1;
    }
    SurgeVerdict verdict = detector.judge(window(), 3, earlier);

    assertThat(verdict.baseline().mean()).isCloseTo(0.5, within(1e-9));
    assertThat(verdict.baseline().stdDev()).isCloseTo(0.5, within(1e-9));
    assertThat(verdict.threshold()).isCloseTo(2.0, within(1e-9));
    assertThat(verdict.surging()).isTrue();

    long[] busy = new long[28];
    java.util.Arrays.fill(busy, 4);
    busy[0] = 0;
    SurgeVerdict usual = detector.judge(window(), 5, busy);
    assertThat(usual.threshold()).isGreaterThan(5);
    assertThat(usual.surging()).as("5 is within 3 sigma of a busy baseline").isFalse();
  }

  @Test
  void shouldRaiseTheLevelWithTheFactorOverTheReference() {
    long[] steady = new long[28];
    java.util.Arrays.fill(steady, 5);
    // Threshold 5 (no spread), reference max(5, 3) = 5.
    assertThat(detector.judge(window(), 5, steady).surging()).isFalse();
    assertThat(detector.judge(window(), 6, steady).level()).isEqualTo(AlertLevel.ELEVATED);
    assertThat(detector.judge(window(), 10, steady).level()).isEqualTo(AlertLevel.HIGH);
    assertThat(detector.judge(window(), 19, steady).level()).isEqualTo(AlertLevel.HIGH);
    assertThat(detector.judge(window(), 20, steady).level()).isEqualTo(AlertLevel.CRITICAL);
    // On an empty baseline the reference is minEvents: 6 is twice 3.
    assertThat(detector.judge(window(), 6, new long[28]).level()).isEqualTo(AlertLevel.HIGH);
    assertThat(detector.judge(window(), 6, new long[28]).factor()).isEqualTo(2.0);
  }

  @Test
  void shouldUseTheEwmaBaselineWhenTheProfileSaysSo() {
    SurgeSettings d = SurgeSettings.defaults();
    SurgeSettings ewma =
        new SurgeSettings(
            d.bucket(),
            d.current(),
            d.window(),
            SurgeMethod.EWMA,
            d.k(),
            0.5,
            d.minEvents(),
            d.minSpacing(),
            d.quietPeriod(),
            d.highAt(),
            d.criticalAt());
    long[] earlier = new long[28];
    earlier[27] = 6; // a burst in the window just before
    SurgeVerdict bySigma = detector.judge(window(), 4, earlier);
    SurgeVerdict byEwma = new SurgeDetector(ewma).judge(window(), 4, earlier);

    assertThat(byEwma.baseline()).isEqualTo(Baseline.ewma(earlier, 0.5));
    assertThat(byEwma.baseline().mean()).isCloseTo(3.0, within(1e-9));
    assertThat(bySigma.baseline().mean()).isCloseTo(6.0 / 28, within(1e-9));
    assertThat(byEwma.surging()).as("the recent burst raised the EWMA baseline").isFalse();
    assertThat(bySigma.surging()).isTrue();
  }

  @Test
  void shouldPutABucketOnTheEpochGrid() {
    assertThat(SurgeWindow.bucketOf(Instant.parse("2026-03-09T10:59:59Z"), Duration.ofHours(1)))
        .isEqualTo(Instant.parse("2026-03-09T10:00:00Z"));
    assertThat(SurgeWindow.bucketOf(Instant.parse("1969-12-31T23:30:00Z"), Duration.ofHours(1)))
        .isEqualTo(Instant.parse("1969-12-31T23:00:00Z"));
  }
}
