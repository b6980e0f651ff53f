package dev.tocsin.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShingleScoreTest {

  @Test
  void shouldScoreIdenticalTextsAsPerfect() {
    ShingleScore.Counts counts =
        ShingleScore.compare("one two three four five", "one two three four five");
    assertThat(counts.precision()).isEqualTo(1.0);
    assertThat(counts.recall()).isEqualTo(1.0);
  }

  @Test
  void shouldCompareFourTokenShinglesIgnoringPunctuation() {
    // expected shingles: [a b c d], [b c d e]; predicted: [a b c d], [b c d x]
    ShingleScore.Counts counts = ShingleScore.compare("a, b. c d e", "a b c d x");
    assertThat(counts.tp()).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(counts.fp()).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(counts.fn()).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(counts.precision()).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void shouldTreatShortTextsAsOneShingle() {
    assertThat(ShingleScore.compare("Привет мир", "Привет мир").precision()).isEqualTo(1.0);
    assertThat(ShingleScore.compare("hello world", "hello there").precision()).isEqualTo(0.0);
  }

  @Test
  void shouldLeaveEmptyPredictionsOutOfPrecisionButNotRecall() {
    ShingleScore.Metrics metrics =
        ShingleScore.metrics(
            List.of(
                ShingleScore.compare("a b c d", "a b c d"), ShingleScore.compare("a b c d", "")));
    assertThat(metrics.precision()).isEqualTo(1.0);
    assertThat(metrics.recall()).isEqualTo(0.5);
  }
}
