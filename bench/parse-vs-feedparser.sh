#!/usr/bin/env bash
# Feed parsing: Tocsin's FeedParser beside Debian's python3-feedparser, on the same files, in the
# same run: throughput, or with --agreement what each makes of every file's first item (title, link,
# id, date, author, content), field by field. Usage (from the project root):
#   bench/parse-vs-feedparser.sh [--agreement [--list]] [CORPORA_DIR]   default: ../shared/corpora
# Needs: python3-feedparser (apt-get install -y python3-feedparser) for /usr/bin/python3.
# Env: ROUNDS (timed rounds, default 5), WARMUP (Java warm-up rounds, default 5), MVN_FLAGS (-o).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=throughput
list=""
while [ $# -gt 0 ]; do
  case "$1" in
    --agreement) mode=agreement; shift ;;
    --list) list=--list; shift ;;
    *) break ;;
  esac
done
corpora="${1:-../shared/corpora}"
rounds="${ROUNDS:-5}"
warmup="${WARMUP:-5}"
python=/usr/bin/python3 # Debian's, where python3-feedparser lives (a pyenv python may shadow it)

"$python" -c 'import feedparser' 2>/dev/null || {
  echo "python3-feedparser missing: apt-get install -y python3-feedparser" >&2
  exit 1
}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The shared feed fixtures: every file of the feedparser, gofeed, Rome and Miniflux suites.
find "$corpora/feeds" -type f \( -name '*.xml' -o -name '*.rss' -o -name '*.rdf' -o -name '*.atom' \
  -o -name '*.json' \) ! -name 'expectations.jsonl' | LC_ALL=C sort > "$work/files"
echo "files: $(wc -l < "$work/files") ($(cat "$work/files" | tr '\n' '\0' | du -ch --files0-from=- | tail -1 | cut -f1))"

./mvnw ${MVN_FLAGS:--o} -q -pl ingest -am test-compile
./mvnw ${MVN_FLAGS:--o} -q -pl ingest dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null
cp="ingest/target/test-classes:ingest/target/classes:$(cat "$work/cp")"

if [ "$mode" = agreement ]; then
  # Paths relative to the corpora folder, as the classified list in the tests names them.
  (cd "$corpora" && find feeds -type f \( -name '*.xml' -o -name '*.rss' -o -name '*.rdf' \
    -o -name '*.atom' -o -name '*.json' \) ! -name 'expectations.jsonl' | LC_ALL=C sort) \
    > "$work/relative"
  java -Xmx1g -cp "$cp" dev.tocsin.ingest.feed.FirstItemDump "$corpora" < "$work/relative" \
    2>/dev/null > "$work/ours.jsonl"
  "$python" bench/feed_agreement.py "$corpora" "$work/ours.jsonl" $list
  exit 0
fi

java -Xmx1g -cp "$cp" dev.tocsin.ingest.feed.ParseBenchmark "$warmup" "$rounds" < "$work/files" \
  2>/dev/null | tee "$work/java"
"$python" bench/feedparser_bench.py "$rounds" < "$work/files" | tee "$work/python"

# Best of the timed rounds on each side: the machine may be shared, and interference only ever
# adds time.
"$python" - "$work/java" "$work/python" <<'PY'
import re, sys
def best(path):
    rounds = [{k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}
              for line in open(path).read().strip().splitlines()]
    return {k: min(r[k] for r in rounds) for k in rounds[0]}
j, p = best(sys.argv[1]), best(sys.argv[2])
for kind, prefix in (("wall", ""), ("cpu", "cpu_")):
    print("%-4s best of rounds: tocsin median %.3f ms, total %.0f ms;"
          " feedparser median %.3f ms, total %.0f ms; ratio median %.1fx, total %.1fx"
          % (kind, j[prefix + "median_ms"], j[prefix + "total_ms"],
             p[prefix + "median_ms"], p[prefix + "total_ms"],
             p[prefix + "median_ms"] / j[prefix + "median_ms"],
             p[prefix + "total_ms"] / j[prefix + "total_ms"]))
PY
