package dev.tocsin.alerting.surge;

/**
 * The expected count of a window and its spread, estimated from earlier windows.
 *
 * @param mean expected count per window
 * @param stdDev standard deviation of the count per window
 * @param samples number of earlier windows the estimate rests on
 */
public record Baseline(double mean, double stdDev, int samples) {

  /** Returns the baseline of {@code counts} (oldest first) by mean and population sigma. */
  public static Baseline sigma(long[] counts) {
    if (counts.length == 0) {
      return new Baseline(0, 0, 0);
    }
    double sum = 0;
    for (long c : counts) {
      sum += c;
    }
    double mean = sum / counts.length;
    double squares = 0;
    for (long c : counts) {
      squares += (c - mean) * (c - mean);
    }
    return new Baseline(mean, Math.sqrt(squares / counts.length), counts.length);
  }

  /**
   * Returns the baseline of {@code counts} (oldest first) by exponentially weighted moving mean and
   * variance: starting from the oldest count, each newer count {@code x} moves the mean by {@code
   * alpha * (x - mean)} and the variance to {@code (1 - alpha) * (variance + alpha * (x -
   * mean)^2)}.
   */
  public static Baseline ewma(long[] counts, double alpha) {
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1]: " + alpha);
    }
    if (counts.length == 0) {
      return new Baseline(0, 0, 0);
    }
    double mean = counts[0];
    double variance = 0;
    for (int i = 1; i < counts.length; i++) {
      double diff = counts[i] - mean;
      mean += alpha * diff;
      variance = (1 - alpha) * (variance + alpha * diff * diff);
    }
    return new Baseline(mean, Math.sqrt(variance), counts.length);
  }
}
