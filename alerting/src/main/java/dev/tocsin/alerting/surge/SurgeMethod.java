package dev.tocsin.alerting.surge;

import java.util.Locale;

/** How a surge series' baseline is estimated from its earlier windows. */
public enum SurgeMethod {
  /** Arithmetic mean and population standard deviation of the baseline windows. */
  SIGMA,
  /** Exponentially weighted moving mean and variance, newer windows weighing more. */
  EWMA;

  /** Returns the name used in profiles and on alerts: {@code sigma} or {@code ewma}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the method named {@code id} ({@code sigma} or {@code ewma}, any case). */
  public static SurgeMethod of(String id) {
    for (SurgeMethod m : values()) {
      if (m.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException("must be 'sigma' or 'ewma': '" + id + "'");
  }
}
