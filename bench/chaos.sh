#!/usr/bin/env bash
# Faults against Tocsin on a three-broker KRaft cluster, then exactly-once checks:
#   bench/chaos.sh [FAULTS] [SEED]      (defaults: 30 1; -Dchaos.stories=N in CHAOS_JAVA_OPTS)
# Builds the modules and the app's test classes, then runs dev.tocsin.app.ChaosHarness: three
# brokers, ingest x2, enrich x2, alerting (--without-notifier) and the notifier as separate JVMs,
# local feeds and a webhook receiver; the same stories once without faults, then with FAULTS faults
# (every kind at least once from 10 faults on), compared. The line before the last reads
#   mismatched_verdicts=V mismatched_alerts=K ground_truth_mismatches=G
# and the last line
#   faults=N stories=S lost=L duplicated=D missing_notifications=M repeated_notifications=R max_recovery_s=T
# Exit status 1 when anything was lost, duplicated, missing or mismatched.
# State and logs go under app/target/chaos (kept only when the run found a problem).
# docs/reliability.md records the results.
set -euo pipefail
cd "$(dirname "$0")/.."
# Offline first (fast when ~/.m2 is filled), online on a fresh machine. Tocsin's own modules come
# from this checkout's target/classes, never from ~/.m2: another checkout installing its jars there
# must not change the code a restarted service runs halfway through.
build() {
  ./mvnw -q "$@" -pl app -am test-compile dependency:build-classpath -Dspotless.check.skip \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test -DexcludeGroupIds=dev.tocsin
}
build -o >/dev/null 2>&1 || build
cd app
modules="target/test-classes:target/classes"
for m in alerting enrich ingest platform schemas; do
  modules="$modules:../$m/target/classes"
done
exec java -Xmx1g ${CHAOS_JAVA_OPTS:-} -cp "$modules:$(cat target/bench.classpath)" \
  dev.tocsin.app.ChaosHarness "$@"
