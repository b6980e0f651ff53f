#!/usr/bin/env bash
# Latency from the raw topic to a webhook notification, at fixed story rates:
#   bench/alert-latency.sh [SECONDS_PER_RATE] [RATE...]     (defaults: 60 100 1000)
# Builds the modules and the app's test classes, then runs dev.tocsin.app.AlertLatencyBenchmark
# (enrich, alerting and the notifier in one JVM on the embedded broker). docs/performance.md records
# the results.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o install -DskipTests -Dspotless.check.skip >/dev/null 2>&1 \
  || ./mvnw -q install -DskipTests -Dspotless.check.skip
./mvnw -q -o -pl app dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test >/dev/null
cd app
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.tocsin.app.AlertLatencyBenchmark "$@"
