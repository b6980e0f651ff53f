package dev.tocsin.alerting.surge;

import dev.tocsin.alerting.state.SurgeBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The windows a surge series is judged on at one moment: the current window, made of the buckets up
 * to and including the one that holds the moment, and the baseline, the {@code window} before it
 * cut into windows as long as the current one.
 *
 * @param start start of the current window
 * @param end end of the current window (the end of the bucket that holds the moment)
 * @param baselineStart start of the baseline; older buckets no longer count
 * @param length length of the current window and of each baseline window
 * @param baselineWindows number of baseline windows
 */
public record SurgeWindow(
    Instant start, Instant end, Instant baselineStart, Duration length, int baselineWindows) {

  /** Returns the windows of the moment {@code now}. */
  public static SurgeWindow at(Instant now, SurgeSettings settings) {
    Instant end = bucketOf(now, settings.bucket()).plus(settings.bucket());
    Instant start = end.minus(settings.current());
    return new SurgeWindow(
        start, end, start.minus(settings.window()), settings.current(), settings.baselineWindows());
  }

  /** Returns the start of the bucket that holds {@code time}. */
  public static Instant bucketOf(Instant time, Duration bucket) {
    long size = bucket.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), size) * size);
  }

  /** Returns the count of the current window. */
  public long count(List<SurgeBucket> buckets) {
    return sum(buckets, start, end);
  }

  /** Returns the count of each baseline window, oldest first; empty windows count zero. */
  public long[] baseline(List<SurgeBucket> buckets) {
    long[] counts = new long[baselineWindows];
    for (int i = 0; i < baselineWindows; i++) {
      Instant from = baselineStart.plus(length.multipliedBy(i));
      counts[i] = sum(buckets, from, from.plus(length));
    }
    return counts;
  }

  private static long sum(List<SurgeBucket> buckets, Instant from, Instant to) {
    long sum = 0;
    for (SurgeBucket b : buckets) {
      if (!b.getStart().isBefore(from) && b.getStart().isBefore(to)) {
        sum += b.getCount();
      }
    }
    return sum;
  }
}
