#!/usr/bin/env bash
# Polling throughput of one ingest instance: bench/polling.sh [FEEDS] [SECONDS] [WORKERS]
# Builds the ingest module and its test classes, then runs dev.tocsin.ingest.bench.PollingBenchmark
# with a 1 GiB heap on the embedded broker. Results are printed; docs/performance.md records them.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o -pl ingest -am install -DskipTests -Dspotless.check.skip >/dev/null 2>&1 \
  || ./mvnw -q -pl ingest -am install -DskipTests -Dspotless.check.skip
./mvnw -q -o -pl ingest dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test >/dev/null 2>&1 \
  || ./mvnw -q -pl ingest dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test
cd ingest
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.tocsin.ingest.bench.PollingBenchmark "$@"
