package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.app.ChaosHarness.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * Runs the chaos harness small: three brokers as separate JVMs, one ingest, one enrich, alerting
 * and its notifier as processes of their own, a hundred stories without faults and then with four
 * (the leader of a partition, enrich, alerting and the notifier killed with SIGKILL), compared.
 */
class ChaosIT {

  @Test
  void shouldLoseDuplicateAndMissNothingWhenBrokersAndServicesAreKilled() throws Exception {
    // A 10 s session timeout, as ingest's own, lets a killed Streams member or notifier be
    // replaced within the build's time budget (Kafka's default 45 s is what bench/chaos.sh uses).
    ChaosHarness.Plan plan =
        new ChaosHarness.Plan(
            4,
            18L,
            100,
            1,
            1,
            3.0,
            EnumSet.of(
                Fault.KILL_LEADER, Fault.KILL_ENRICH, Fault.KILL_ALERTING, Fault.KILL_NOTIFIER),
            Duration.ofSeconds(10));

    ChaosHarness.Result result = ChaosHarness.run(plan, Path.of("target", "chaos-it"), System.out);
    System.out.println(result.report());

    assertThat(result.faultsByKind())
        .containsOnlyKeys(
            Fault.KILL_LEADER.label(),
            Fault.KILL_ENRICH.label(),
            Fault.KILL_ALERTING.label(),
            Fault.KILL_NOTIFIER.label());
    assertThat(result.lost()).as("stories lost").isZero();
    assertThat(result.duplicated()).as("records duplicated").isZero();
    assertThat(result.wrongVerdicts()).as("verdicts unlike the offline judgement").isZero();
    assertThat(result.missingNotifications()).as("alert versions never notified").isZero();
    assertThat(result.alerts()).as("alert versions").isPositive();
    assertThat(result.comparison().mismatchedVerdicts())
        .as("verdicts unlike the fault-free run's")
        .isZero();
    assertThat(result.comparison().mismatchedAlerts())
        .as("alerts unlike the fault-free run's")
        .isZero();
    assertThat(result.comparison().groundTruth()).as("verdicts unlike the ground truth").isZero();
    assertThat(result.problems()).isEmpty();
  }
}
