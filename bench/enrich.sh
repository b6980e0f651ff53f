#!/usr/bin/env bash
# Enrich throughput and latency beside a pass-through topology:
#   bench/enrich.sh [STORIES] [PACED_RATE] [PACED_SECONDS] [STREAM_THREADS] [COMMIT_MS] [STORY_BYTES]
#   (defaults: 200000 200 30 <cores> 100 2048; STORY_BYTES 0 keeps bare headlines and ledes)
# Builds the enrich module and its test classes, then runs dev.tocsin.enrich.bench.EnrichThroughputBenchmark
# on the embedded broker (exactly_once_v2). Results are printed; docs/performance.md records them.
# BENCH_MEMORY_ONLY=1 runs the in-memory phase alone (analysis, index, index heap).
# BENCH_CLIENT="producer.batch.size=262144,..." gives both applications more client settings.
# BENCH_WORKLOAD=news (the default: stories as distinct as news, one in 20 on watch) or alike
# (every story built from the evaluation set's 318: a worst case for the index and the clusters).
set -euo pipefail
cd "$(dirname "$0")/.."
# Offline first (fast when ~/.m2 is filled), online on a fresh machine.
./mvnw -q -o -pl enrich -am install -DskipTests -Dspotless.check.skip >/dev/null 2>&1 \
  || ./mvnw -q -pl enrich -am install -DskipTests -Dspotless.check.skip
./mvnw -q -o -pl enrich dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test >/dev/null 2>&1 \
  || ./mvnw -q -pl enrich dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test
cd enrich
memory_only=false
case "${BENCH_MEMORY_ONLY:-}" in 1 | true | yes) memory_only=true ;; esac
exec java -Xmx4g -Dbench.memoryOnly="$memory_only" \
  -Dbench.workload="${BENCH_WORKLOAD:-news}" -Dbench.client="${BENCH_CLIENT:-}" \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.tocsin.enrich.bench.EnrichThroughputBenchmark "$@"
