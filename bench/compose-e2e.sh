#!/usr/bin/env bash
# The compose deployment end to end on a real Docker engine, without a registry:
#   bench/compose-e2e.sh
# 1. builds the local images (deploy/local/images.sh) into the engine at DOCKER_HOST, or into the
#    private engine of deploy/local/engine.sh, which it then starts and stops;
# 2. `docker-compose up -d` of docker-compose.yml + deploy/local/docker-compose.local.yml +
#    deploy/local/e2e/docker-compose.e2e.yml (project tocsin-e2e) and waits until every
#    healthcheck passes and topics-init exited 0;
# 3. serves a feed with one on-watch story (written now, dated now) from the `feeds` container,
#    adds it with `tocsin feeds add`, and waits until ingest polled it, an escalation alert reached
#    Alertmanager and the `webhook` receiver, and Prometheus scrapes every target;
# 4. `docker-compose down`, then `up -d` again: the feed registry, the alerts (console), the
#    receiver's requests are still there, and no alert version is delivered twice;
# 5. `docker-compose down -v` (TOCSIN_E2E_KEEP=1 keeps the stack running instead).
# Prints each check and its timing; the last line reads
#   e2e=ok images_s=B up_to_healthy_s=H feed_to_alert_s=A restart_to_healthy_s=R
# and the exit code is 0 only when every check passed. Needs root and free host ports 127.0.0.1:
# 8080, 9090, 9093 and 19092 (the compose file publishes them).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
project=tocsin-e2e
state="$root/target/compose-e2e"
failures=0

say() { printf 'e2e: %s\n' "$*" >&2; }
check() { # check DESCRIPTION COMMAND...: runs the command, records a failure when it fails
  local what="$1"
  shift
  if "$@"; then say "ok   $what"; else
    say "FAIL $what"
    failures=$((failures + 1))
  fi
}

# --- the engine -----------------------------------------------------------------------------------
stop_engine=false
if [ -z "${DOCKER_HOST:-}" ] || ! docker version >/dev/null 2>&1; then
  eval "$(deploy/local/engine.sh env)"
  export DOCKER_HOST
  if ! deploy/local/engine.sh status; then
    deploy/local/engine.sh start >/dev/null
    stop_engine=true
  fi
fi

rm -rf "$state" && mkdir -p "$state/feeds"
TOCSIN_CONSOLE_TOKEN="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
export TOCSIN_CONSOLE_TOKEN
compose=(docker-compose -p "$project" -f docker-compose.yml -f deploy/local/docker-compose.local.yml
  -f deploy/local/e2e/docker-compose.e2e.yml)
finish() {
  local code=$?
  if [ "${TOCSIN_E2E_KEEP:-0}" = 1 ]; then
    say "stack kept running: ${compose[*]} ps"
  else
    "${compose[@]}" logs --no-color >"$state/compose.log" 2>&1 || true
    "${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
    if $stop_engine; then deploy/local/engine.sh stop; fi
  fi
  exit "$code"
}
trap finish EXIT

# --- 1. images ------------------------------------------------------------------------------------
t=$SECONDS
deploy/local/images.sh
images_s=$((SECONDS - t))

# --- helpers --------------------------------------------------------------------------------------
# Every container of the project: running ones with a healthcheck healthy, one-shots exited 0.
all_healthy() {
  local ids line bad=0
  ids="$("${compose[@]}" ps -q)"
  [ -n "$ids" ] || return 1
  while read -r line; do
    case "$line" in
      *" running healthy" | *" exited 0") ;;
      *) bad=1 ;;
    esac
  done < <(
    # shellcheck disable=SC2086 # one id a word
    docker inspect --format '{{.Name}} {{.State.Status}} {{if eq .State.Status "exited"}}{{.State.ExitCode}}{{else if .State.Health}}{{.State.Health.Status}}{{else}}healthy{{end}}' $ids
  )
  return "$bad"
}
wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...: polls every 2 s; a timeout is a failed check
  local limit="$1" what="$2" t=$SECONDS
  shift 2
  until "$@"; do
    if [ $((SECONDS - t)) -ge "$limit" ]; then
      say "FAIL $what (not within ${limit}s)"
      failures=$((failures + 1))
      return 0
    fi
    sleep 2
  done
  say "ok   $what ($((SECONDS - t))s)"
}
escalations() { # the escalation alerts Alertmanager holds (not Prometheus' tocsin-ops ones)
  curl -fsS http://127.0.0.1:9093/api/v2/alerts | python3 -c '
import json, sys
print(sum(1 for a in json.load(sys.stdin) if a["labels"].get("alertname") == "TocsinEscalation"))'
}
webhook_requests() {
  "${compose[@]}" exec -T webhook cat /var/lib/webhook/requests.jsonl 2>/dev/null || true
}
console_alerts() { # alert keys the operator console lists
  curl -fsS -H "Authorization: Bearer $TOCSIN_CONSOLE_TOKEN" http://127.0.0.1:8080/ \
    | grep -oE 'href="/alerts/[^"]+"' | sort -u || true
}
feed_registered() { # every attempt's output is kept in feeds-list.log
  "${compose[@]}" exec -T ingest tocsin feeds list >"$state/feeds-list.txt" 2>&1 || true
  { date -u +%FT%TZ; cat "$state/feeds-list.txt"; } >>"$state/feeds-list.log"
  grep -q "http://feeds/watch.rss" "$state/feeds-list.txt"
}
feed_polled() {
  "${compose[@]}" exec -T ingest tocsin feeds status >"$state/feeds-status.txt" 2>&1 || return 1
  grep "http://feeds/watch.rss" "$state/feeds-status.txt" | grep -qE ' OK '
}
has_escalation() { [ "$(escalations 2>/dev/null || echo 0)" -gt 0 ]; }
webhook_got_alert() { webhook_requests | grep -q '"idempotencyKey":"[^"]'; }
targets_up() { # every Prometheus target up, the three Tocsin jobs among them
  curl -fsS http://127.0.0.1:9090/api/v1/targets | python3 -c '
import json, sys
targets = json.load(sys.stdin)["data"]["activeTargets"]
jobs = {t["labels"]["job"] for t in targets if t["health"] == "up"}
down = [t["scrapeUrl"] for t in targets if t["health"] != "up"]
sys.exit(0 if not down and {"tocsin-ingest", "tocsin-enrich", "tocsin-alerting", "alertmanager", "prometheus"} <= jobs else 1)'
}
scraped() { # a Tocsin metric, as Prometheus stored it from ingest
  curl -fsS 'http://127.0.0.1:9090/api/v1/query?query=sum(tocsin_feed_polls_total)' | python3 -c '
import json, sys
result = json.load(sys.stdin)["data"]["result"]
sys.exit(0 if result and float(result[0]["value"][1]) > 0 else 1)'
}

# --- 2. up ----------------------------------------------------------------------------------------
now_rfc822="$(LC_ALL=C date -u '+%a, %d %b %Y %H:%M:%S GMT')"
cat >"$state/feeds/watch.rss" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>E2E Wire</title>
    <link>https://e2e-wire.example/</link>
    <description>A feed written by bench/compose-e2e.sh.</description>
    <item>
      <title>North Korean troops deployed to Russia's Kursk region, Ukrainian intelligence says</title>
      <link>https://e2e-wire.example/world/north-korean-troops-kursk</link>
      <guid>e2e-wire-kursk-$(date -u +%Y%m%d%H%M%S)</guid>
      <pubDate>$now_rfc822</pubDate>
      <description>Several thousand North Korean soldiers have arrived in Russia's Kursk region near the Ukrainian border and are preparing to join combat against Ukrainian forces, Ukraine's military intelligence agency said on Tuesday. The troops, trained at Russian military bases in the Far East, received Russian uniforms and weapons, the agency said. Pyongyang and Moscow signed a mutual defence treaty this year, and Seoul says North Korea has also shipped artillery shells and ballistic missiles to Russia.</description>
    </item>
  </channel>
</rss>
EOF

t=$SECONDS
"${compose[@]}" up -d 2>&1 | grep -vE '^(Creating|Starting) ' >&2 || true
wait_for 600 "every healthcheck passes, topics-init exited 0" all_healthy
up_to_healthy_s=$((SECONDS - t))
"${compose[@]}" ps >&2

# --- 3. a feed, an alert, the metrics -------------------------------------------------------------
t=$SECONDS
check "tocsin feeds add http://feeds/watch.rss" "${compose[@]}" exec -T ingest tocsin feeds add \
  http://feeds/watch.rss --name "E2E Wire" --outlet "E2E Wire" --language en --interval 1m
wait_for 120 "ingest polled the feed (tocsin feeds status: OK)" feed_polled
wait_for 300 "an escalation alert reached Alertmanager" has_escalation
feed_to_alert_s=$((SECONDS - t))
wait_for 120 "the alert reached the webhook receiver (with an Idempotency-Key)" webhook_got_alert
wait_for 120 "Prometheus scrapes every target (targets API: all up)" targets_up
wait_for 120 "Prometheus holds Tocsin's metrics (sum(tocsin_feed_polls_total) > 0)" scraped
alerts_before="$(console_alerts)"
requests_before="$(webhook_requests | wc -l)"
check "the console lists the alert ($(wc -l <<<"$alerts_before") alert(s))" test -n "$alerts_before"
say "escalations in Alertmanager: $(escalations); webhook requests: $requests_before"

# --- 4. down, up: the data stays ------------------------------------------------------------------
"${compose[@]}" down >/dev/null 2>&1
t=$SECONDS
"${compose[@]}" up -d 2>&1 | grep -vE '^(Creating|Starting) ' >&2 || true
wait_for 600 "after down and up, every healthcheck passes again" all_healthy
restart_to_healthy_s=$((SECONDS - t))
wait_for 60 "the feed registry still holds the feed (tocsin feeds list)" feed_registered
feed_registered || cat "$state/feeds-list.txt" >&2
wait_for 120 "the console lists the same alerts" test "$(console_alerts)" = "$alerts_before"
wait_for 180 "Alertmanager holds the escalation again (the notifier re-sends firing alerts)" has_escalation
webhook_requests >"$state/webhook-requests.jsonl"
requests_after="$(wc -l <"$state/webhook-requests.jsonl")"
repeated="$(python3 -c '
import collections, json, sys
keys = collections.Counter(json.loads(line)["idempotencyKey"] for line in open(sys.argv[1]) if line.strip())
print(sum(1 for n in keys.values() if n > 1))' "$state/webhook-requests.jsonl")"
say "webhook requests after the restart: $requests_after, idempotency keys repeated: $repeated"
check "the receiver's $requests_before request(s) are still there" test "$requests_after" -ge "$requests_before"
check "no alert version reached the receiver twice" test "$repeated" = 0

if [ "$failures" -gt 0 ]; then
  say "$failures check(s) failed; logs in $state/compose.log"
  exit 1
fi
echo "e2e=ok images_s=$images_s up_to_healthy_s=$up_to_healthy_s feed_to_alert_s=$feed_to_alert_s restart_to_healthy_s=$restart_to_healthy_s"
