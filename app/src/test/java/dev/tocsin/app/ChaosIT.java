package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs the chaos harness small: three brokers as separate JVMs, one ingest, one enrich and the
 * alerting service with its notifier, a few hundred stories and four faults at seeded random times.
 */
class ChaosIT {

  @Test
  void shouldLoseDuplicateAndMissNothingWhenBrokersAndServicesAreKilled() throws Exception {
    ChaosHarness.Result result =
        ChaosHarness.run(
            new ChaosHarness.Plan(4, 18L, 200, 1, 1, 2.0),
            Path.of("target", "chaos-it"),
            System.out);
    System.out.println(result.report());

    assertThat(result.faults()).isEqualTo(4);
    assertThat(result.lost()).as("stories lost").isZero();
    assertThat(result.duplicated()).as("records duplicated").isZero();
    assertThat(result.wrongVerdicts()).as("verdicts unlike the fault-free run's").isZero();
    assertThat(result.missingNotifications()).as("alert versions never notified").isZero();
    assertThat(result.problems()).isEmpty();
  }
}
