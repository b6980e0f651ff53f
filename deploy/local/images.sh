#!/usr/bin/env bash
# Builds every image the compose deployment needs without a registry, from Debian packages and the
# project's own jar, into the Docker engine at DOCKER_HOST (or, when none answers, into the private
# engine of deploy/local/engine.sh, started for the build and stopped after it):
#
#   tocsin-local/base:SUITE          a Debian root made by debootstrap: OpenJDK 17 JRE, bash, wget,
#                                    busybox, prometheus, prometheus-alertmanager (docker import)
#   tocsin-local/jar:latest          the base plus app/target/tocsin.jar, as the Dockerfile's build
#                                    stage (BUILD_IMAGE), which then skips its Maven build
#   tocsin:local                     the project's Dockerfile on the base (RUNTIME_IMAGE)
#   tocsin-local/kafka:KAFKA         the Kafka broker inside tocsin.jar, run like apache/kafka
#   tocsin-local/prometheus:latest   Debian's Prometheus, as prom/prometheus
#   tocsin-local/alertmanager:latest Debian's Alertmanager, as prom/alertmanager
#   tocsin-local/httpd:latest        BusyBox httpd, for the ITs' and the e2e check's fixtures
#
# Then: docker-compose -f docker-compose.yml -f deploy/local/docker-compose.local.yml up -d
# (deploy/local/README.md). Needs root (debootstrap; dockerd when none runs), a JDK 17 and Debian
# mirror access the first time; installs debootstrap when missing and builds the jar with ./mvnw
# when it is missing or older than the sources.
#
# The debootstrap root is kept as a tar in TOCSIN_ROOTFS_CACHE (default ~/.cache/tocsin-rootfs),
# named after the suite and package list, so a later run (a new engine, `./mvnw clean`) imports it
# instead of bootstrapping again; delete the directory to start from the mirror. Settings:
# TOCSIN_DEBIAN_SUITE (bookworm: the suite with OpenJDK 17), TOCSIN_DEBIAN_MIRROR.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export DOCKER_BUILDKIT=0 # the classic builder: no buildx plugin needed, as docker-compose 1.29 builds
suite="${TOCSIN_DEBIAN_SUITE:-bookworm}"
mirror="${TOCSIN_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
cache="${TOCSIN_ROOTFS_CACHE:-$HOME/.cache/tocsin-rootfs}"
packages="openjdk-17-jre-headless,ca-certificates,wget,busybox,prometheus,prometheus-alertmanager"
work="$root/target/local-images"
started=$SECONDS

say() { printf 'images: %s\n' "$*" >&2; }
elapsed() { printf '%ss' "$((SECONDS - $1))"; }

# --- the engine -----------------------------------------------------------------------------------
stop_engine=false
if [ -z "${DOCKER_HOST:-}" ] || ! docker version >/dev/null 2>&1; then
  if [ -z "${DOCKER_HOST:-}" ] && docker version >/dev/null 2>&1; then
    : # the default engine answers
  else
    eval "$("$root/deploy/local/engine.sh" env)"
    export DOCKER_HOST
    if ! "$root/deploy/local/engine.sh" status; then
      "$root/deploy/local/engine.sh" start >/dev/null
      stop_engine=true
    fi
  fi
fi
cleanup() {
  rm -rf "$work/rootfs"
  if $stop_engine; then "$root/deploy/local/engine.sh" stop; fi
}
trap cleanup EXIT
say "engine ${DOCKER_HOST:-default}: $(docker version --format '{{.Server.Version}}')"
mkdir -p "$work"

# --- the project's jar ----------------------------------------------------------------------------
t=$SECONDS
./tocsin --version >/dev/null # builds app/target/tocsin.jar when missing or older than the sources
jar="$root/app/target/tocsin.jar"
kafka_version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' pom.xml)"
say "jar ready ($(elapsed $t)); Kafka $kafka_version"

# --- the Debian base ------------------------------------------------------------------------------
t=$SECONDS
key="$(printf '%s %s %s' "$suite" "$mirror" "$packages" | sha256sum | cut -c1-12)"
base="tocsin-local/base:$suite"
if [ "$(docker image inspect --format '{{index .Config.Labels "dev.tocsin.rootfs"}}' "$base" 2>/dev/null)" = "$key" ]; then
  say "$base is current"
else
  tarball="$cache/$suite-$key.tar"
  if [ ! -f "$tarball" ]; then
    if ! command -v debootstrap >/dev/null; then
      say "installing debootstrap"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
    fi
    say "debootstrap $suite from $mirror (a few minutes, once)"
    rm -rf "$work/rootfs"
    debootstrap --variant=minbase --include="$packages" "$suite" "$work/rootfs" "$mirror" \
      >"$work/debootstrap.log" 2>&1 || {
      say "debootstrap failed; see $work/debootstrap.log"
      exit 1
    }
    rm -rf "$work"/rootfs/var/cache/apt/archives/*.deb "$work"/rootfs/var/lib/apt/lists/* \
      "$work"/rootfs/var/log/*.log
    mkdir -p "$cache"
    tar -C "$work/rootfs" --numeric-owner -cf "$tarball.tmp" .
    mv "$tarball.tmp" "$tarball"
    rm -rf "$work/rootfs"
  fi
  say "importing $tarball"
  docker import \
    --change "LABEL dev.tocsin.rootfs=$key" \
    --change "ENV LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change 'CMD ["/bin/bash"]' \
    "$tarball" "$base" >/dev/null
fi
say "base image ready ($(elapsed $t))"

build() { # build TAG CONTEXT [docker build options...]
  local tag="$1" context="$2" t=$SECONDS
  shift 2
  if ! docker build --build-arg "BASE_IMAGE=$base" -t "$tag" "$@" "$context" >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    say "building $tag failed"
    exit 1
  fi
  say "built $tag ($(elapsed $t))"
}

# --- Tocsin ---------------------------------------------------------------------------------------
rm -rf "$work/jar" && mkdir -p "$work/jar"
cp "$jar" "$work/jar/tocsin.jar"
printf 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY tocsin.jar /opt/prebuilt/tocsin.jar\n' >"$work/jar/Dockerfile"
build tocsin-local/jar:latest "$work/jar"
build tocsin:local "$root" --build-arg BUILD_IMAGE=tocsin-local/jar:latest \
  --build-arg "RUNTIME_IMAGE=$base"

# --- Kafka ----------------------------------------------------------------------------------------
rm -rf "$work/kafka" && cp -r "$root/deploy/local/kafka" "$work/kafka"
cp "$jar" "$work/kafka/tocsin.jar"
javac -nowarn --release 17 -cp "$jar" -d "$work/kafka" "$work/kafka/BrokerApiVersions.java"
build "tocsin-local/kafka:$kafka_version" "$work/kafka"

# --- Prometheus, Alertmanager, fixtures -----------------------------------------------------------
build tocsin-local/prometheus:latest "$root/deploy/local/prometheus"
build tocsin-local/alertmanager:latest "$root/deploy/local/alertmanager"
build tocsin-local/httpd:latest "$root/deploy/local/httpd"

docker image ls --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | grep -E '^tocsin' | sort >&2
say "all images built in $(elapsed $started)"
