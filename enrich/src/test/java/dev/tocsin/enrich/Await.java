package dev.tocsin.enrich;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits, in the integration tests, until a running application reaches a state. */
public final class Await {

  private Await() {}

  /** Returns once {@code condition} holds; fails naming {@code what} past {@code limit}. */
  public static void until(BooleanSupplier condition, String what, Duration limit)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }
}
