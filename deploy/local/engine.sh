#!/usr/bin/env bash
# A private Docker engine for the compose deployment on a machine where none runs (and no registry
# is reachable): Debian's dockerd, as root, with its data, socket and state under target/docker of
# the repository (override with TOCSIN_ENGINE_DIR), and no iptables rules, so it leaves the host's
# firewall alone. Containers reach each other on bridge networks (compose makes one per project and
# Docker's DNS answers service names) and the host reaches published ports through docker-proxy;
# nothing is routed to the outside (no NAT). The default bridge, which plain `docker run` and
# Testcontainers use, is its own interface tocsin0 (172.31.255.1/24, TOCSIN_ENGINE_BRIDGE_CIDR),
# created at start and deleted at stop, so a system docker0 is never touched.
#
#   deploy/local/engine.sh start     start it (waits until it answers); prints the DOCKER_HOST to use
#   deploy/local/engine.sh stop      stop it (SIGTERM to the dockerd this script started, by its pid)
#   deploy/local/engine.sh status    exit 0 when it answers
#   deploy/local/engine.sh env       print: export DOCKER_HOST=unix://...
#
# Images built into it (deploy/local/images.sh) stay in its data root across stop and start;
# `./mvnw clean` at the repository root removes them with target/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${TOCSIN_ENGINE_DIR:-$root/target/docker}"
socket="$dir/docker.sock"
pidfile="$dir/dockerd.pid"
bridge=tocsin0
host="unix://$socket"

answers() {
  [ -S "$socket" ] && DOCKER_HOST="$host" docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

case "${1:-}" in
  start)
    if answers; then
      echo "engine: already running ($host)" >&2
      echo "export DOCKER_HOST=$host"
      exit 0
    fi
    if [ "$(id -u)" != 0 ]; then
      echo "engine: dockerd needs root" >&2
      exit 1
    fi
    if ! command -v dockerd >/dev/null; then
      if command -v apt-get >/dev/null; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
      else
        echo "engine: dockerd is not installed (Debian: apt-get install docker.io)" >&2
        exit 1
      fi
    fi
    mkdir -p "$dir/data" "$dir/exec"
    rm -f "$socket"
    if ! ip link show "$bridge" >/dev/null 2>&1; then
      ip link add name "$bridge" type bridge
      ip addr add "${TOCSIN_ENGINE_BRIDGE_CIDR:-172.31.255.1/24}" dev "$bridge"
      ip link set "$bridge" up
      touch "$dir/bridge-created"
    fi
    # setsid: the engine outlives this script's process group; `stop` ends it by its pid.
    setsid dockerd --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$pidfile" \
      -H "$host" --iptables=false --ip-masq=false --bridge="$bridge" \
      >"$dir/dockerd.log" 2>&1 </dev/null &
    for _ in $(seq 1 60); do
      if answers; then
        echo "engine: running, data root $dir/data, log $dir/dockerd.log" >&2
        echo "export DOCKER_HOST=$host"
        exit 0
      fi
      sleep 1
    done
    echo "engine: dockerd did not answer within 60 s; see $dir/dockerd.log" >&2
    exit 1
    ;;
  stop)
    if [ ! -f "$pidfile" ]; then
      echo "engine: not running" >&2
      exit 0
    fi
    pid="$(cat "$pidfile")"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
      if ! kill -0 "$pid" 2>/dev/null; then
        if [ -f "$dir/bridge-created" ]; then
          ip link delete "$bridge" 2>/dev/null || true
          rm -f "$dir/bridge-created"
        fi
        echo "engine: stopped" >&2
        exit 0
      fi
      sleep 1
    done
    echo "engine: dockerd $pid still running after 30 s" >&2
    exit 1
    ;;
  status)
    answers
    ;;
  env)
    echo "export DOCKER_HOST=$host"
    ;;
  *)
    echo "usage: deploy/local/engine.sh start|stop|status|env" >&2
    exit 2
    ;;
esac
