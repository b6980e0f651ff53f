#!/usr/bin/env bash
# Feed parsing: Tocsin's FeedParser beside Debian's python3-feedparser, on the same files, in the
# same run: throughput of the parsers in warm processes; with --whole-process, the time of one
# process that starts, reads and parses every file (`./tocsin feeds parse FILE...` beside a Python
# process that does the same), as a user running the command sees it; or with --agreement what each
# makes of every file's first item (title, link, id, date, author, content), field by field.
# Usage (from the project root):
#   bench/parse-vs-feedparser.sh [--whole-process | --agreement [--list]] [CORPORA_DIR]
#   CORPORA_DIR default: ../shared/corpora
# Needs: python3-feedparser (apt-get install -y python3-feedparser) for /usr/bin/python3.
# Env: ROUNDS (timed rounds, default 5), WARMUP (Java warm-up rounds, default 5), MVN_FLAGS (-o).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=throughput
list=""
while [ $# -gt 0 ]; do
  case "$1" in
    --agreement) mode=agreement; shift ;;
    --whole-process) mode=whole; shift ;;
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

if [ "$mode" = whole ]; then
  # The launcher builds the jar and its class-data archive when they are missing or stale; one
  # untimed run of each side first, so neither pays for that or for a cold page cache.
  ./tocsin --version >/dev/null
  mapfile -t files < "$work/files"
  ./tocsin feeds parse "${files[@]}" >/dev/null || true
  "$python" bench/feedparser_files.py "${files[@]}"
  "$python" - "$rounds" "$work/files" <<'PY'
import os, statistics, subprocess, sys, time
rounds, files = int(sys.argv[1]), open(sys.argv[2]).read().split("\n")[:-1]
sides = {"tocsin": ["./tocsin", "feeds", "parse"] + files,
         "feedparser": ["/usr/bin/python3", "bench/feedparser_files.py"] + files}
wall = {side: [] for side in sides}
cpu = {side: [] for side in sides}
for _ in range(rounds):
    for side, command in sides.items():  # alternate, so load changes hit both sides alike
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        _, _, usage = os.wait4(process.pid, 0)
        wall[side].append(time.perf_counter() - start)
        cpu[side].append(usage.ru_utime + usage.ru_stime)
for side in sides:
    print("%-10s files=%d wall median %.2f s best %.2f s; cpu (user+sys) median %.2f s best %.2f s"
          % (side, len(files), statistics.median(wall[side]), min(wall[side]),
             statistics.median(cpu[side]), min(cpu[side])))
for kind, values in (("wall", wall), ("cpu", cpu)):
    print("%-4s ratio feedparser/tocsin: median %.2fx, best %.2fx"
          % (kind, statistics.median(values["feedparser"]) / statistics.median(values["tocsin"]),
             min(values["feedparser"]) / min(values["tocsin"])))
# Other processes on the machine take cores from the side that could use two: print the load.
print("load average (1 min) at the end: %s" % open("/proc/loadavg").read().split()[0])
PY
  exit 0
fi

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
