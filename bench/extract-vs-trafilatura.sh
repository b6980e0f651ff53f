#!/usr/bin/env bash
# Article extraction quality: Tocsin's ArticleExtractor beside trafilatura and the other published
# extractors, on the scrapinghub article-extraction benchmark (181 news pages), in the same run and
# with the benchmark's own score (4-token shingles; precision and recall averaged over pages).
# trafilatura itself is not installable here (no PyPI), so its row scores the outputs the benchmark
# ships for it (trafilatura's published figure on these pages: F1 0.958). Our rows: all pages, and
# the tune and holdout splits (a third held out by a hash of the page id; only tune mistakes are
# ever inspected). Usage (from the project root):
#   bench/extract-vs-trafilatura.sh [-v]      -v: also the 25 worst tune pages
# Env: MVN_FLAGS (-o), CORPORA (default ../shared/corpora).
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./mvnw ${MVN_FLAGS:--o} -q -pl ingest -am test-compile
./mvnw ${MVN_FLAGS:--o} -q -pl ingest dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null
cp="ingest/target/test-classes:ingest/target/classes:$(cat "$work/cp")"
java -Xmx1g -Dtocsin.corpora="${CORPORA:-../shared/corpora}" -cp "$cp" \
  dev.tocsin.ingest.extract.ExtractionBenchmark "$@" 2>/dev/null
