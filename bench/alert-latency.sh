#!/usr/bin/env bash
# Latency from the raw topic to a webhook notification, at fixed story rates:
#   bench/alert-latency.sh [SECONDS_PER_RATE] [RATE...]     (defaults: 60 100 1000)
# BENCH_JAVA_OPTS passes JVM options, e.g. "-Dbench.warmRate=1000 -Dbench.warmSeconds=20" for a
# warm-up that compiles every hot path before the measured rates (default: 30 s at 20 stories/s).
# Builds the modules and the app's test classes, then runs dev.tocsin.app.AlertLatencyBenchmark
# (enrich, alerting and the notifier in one JVM on the embedded broker). docs/performance.md records
# the results.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o install -DskipTests -Dspotless.check.skip >/dev/null 2>&1 \
  || ./mvnw -q install -DskipTests -Dspotless.check.skip
# Offline first (fast when ~/.m2 is filled), online on a fresh machine.
./mvnw -q -o -pl app dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test >/dev/null 2>&1 \
  || ./mvnw -q -pl app dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test
cd app
exec java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.tocsin.app.AlertLatencyBenchmark "$@"
