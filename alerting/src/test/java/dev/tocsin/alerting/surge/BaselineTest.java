package dev.tocsin.alerting.surge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BaselineTest {

  @Test
  void shouldTakeMeanAndPopulationSigma() {
    Baseline b = Baseline.sigma(new long[] {0, 1, 2, 1, 0, 2});

    assertThat(b.mean()).isCloseTo(1.0, within(1e-9));
    // Squared deviations 1, 0, 1, 0, 1, 1 over 6 counts.
    assertThat(b.stdDev()).isCloseTo(Math.sqrt(4.0 / 6), within(1e-9));
    assertThat(b.samples()).isEqualTo(6);
  }

  @Test
  void shouldHaveNoSpreadWhenEveryWindowCountsTheSame() {
    Baseline b = Baseline.sigma(new long[] {2, 2, 2, 2});

    assertThat(b.mean()).isEqualTo(2.0);
    assertThat(b.stdDev()).isZero();
  }

  @Test
  void shouldFollowTheEwmaRecurrence() {
    // m = 2; x = 4: d = 2, m = 2 + 0.5 * 2 = 3, v = 0.5 * (0 + 0.5 * 4) = 1.
    // x = 1: d = -2, m = 3 - 1 = 2, v = 0.5 * (1 + 0.5 * 4) = 1.5.
    Baseline b = Baseline.ewma(new long[] {2, 4, 1}, 0.5);

    assertThat(b.mean()).isCloseTo(2.0, within(1e-9));
    assertThat(b.stdDev()).isCloseTo(Math.sqrt(1.5), within(1e-9));
  }

  @Test
  void shouldWeighNewerWindowsMoreWithEwma() {
    long[] recent = new long[12];
    recent[11] = 8;
    long[] old = new long[12];
    old[1] = 8;
    Baseline recentBurst = Baseline.ewma(recent, 0.3);
    Baseline oldBurst = Baseline.ewma(old, 0.3);

    // 0.3 * 8 against 0.3 * 8 * 0.7^10: the old burst has faded.
    assertThat(recentBurst.mean()).isCloseTo(2.4, within(1e-9));
    assertThat(oldBurst.mean()).isCloseTo(2.4 * Math.pow(0.7, 10), within(1e-9));
    assertThat(Baseline.sigma(recent).mean()).isEqualTo(Baseline.sigma(old).mean());
  }

  @Test
  void shouldBeTheLatestCountWithAlphaOne() {
    Baseline b = Baseline.ewma(new long[] {5, 1, 7}, 1.0);

    assertThat(b.mean()).isEqualTo(7.0);
    assertThat(b.stdDev()).isZero();
  }

  @Test
  void shouldRejectAlphaOutsideItsRange() {
    assertThatThrownBy(() -> Baseline.ewma(new long[] {1}, 0)).hasMessageContaining("alpha");
    assertThatThrownBy(() -> Baseline.ewma(new long[] {1}, 1.5)).hasMessageContaining("alpha");
  }
}
