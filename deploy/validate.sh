#!/usr/bin/env bash
# Validates the compose deployment without a Docker engine (CI has none):
#  1. docker-compose config -q accepts docker-compose.yml alone and with each override (the
#     three-broker one, DockerComposeIT's and the local images' one);
#  2. every build context, Dockerfile, file the Dockerfile copies, and bind-mounted file exists,
#     and .dockerignore keeps none of the build's inputs out of the context;
#  3. the Grafana dashboard is valid JSON, and every metric it or the Prometheus rules name is
#     documented in docs/operations.md (so the dashboard and the instrumentation cannot drift);
#  4. where amtool / promtool are installed, the Alertmanager and Prometheus configs check clean.
# Needs Debian's docker-compose (1.29) or the `docker compose` plugin, and python3 with PyYAML.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v docker-compose >/dev/null; then
  compose=(docker-compose)
elif docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
else
  echo "validate: neither docker-compose nor 'docker compose' is installed" >&2
  exit 1
fi
# Debian's python3 carries PyYAML (a docker-compose dependency); a pyenv python3 may not.
python=python3
if [ -x /usr/bin/python3 ]; then python=/usr/bin/python3; fi

failures=0
fail() {
  echo "validate: FAIL: $*" >&2
  failures=$((failures + 1))
}

# docker-compose.yml requires the console's token; any value does for checking the files.
export TOCSIN_CONSOLE_TOKEN="${TOCSIN_CONSOLE_TOKEN:-validate-only}"

merged="$(mktemp)"
trap 'rm -f "$merged"' EXIT
for files in "docker-compose.yml" "docker-compose.yml docker-compose.brokers3.yml" \
  "docker-compose.yml app/src/test/resources/compose/docker-compose.it.yml" \
  "docker-compose.yml deploy/local/docker-compose.local.yml"; do
  args=()
  for f in $files; do args+=(-f "$f"); done
  if ! "${compose[@]}" "${args[@]}" config -q; then
    fail "compose config rejected: $files"
    continue
  fi
  echo "validate: compose config ok: $files"
  # The resolved config has absolute paths: check what it builds from and mounts.
  "${compose[@]}" "${args[@]}" config >"$merged"
  "$python" - "$merged" <<'PY' || failures=$((failures + 1))
import fnmatch, glob, os, re, sys, yaml

config = yaml.safe_load(open(sys.argv[1]))
missing = []
for name, service in config.get("services", {}).items():
    build = service.get("build")
    if build:
        context = build if isinstance(build, str) else build["context"]
        dockerfile = os.path.join(context, (build if isinstance(build, dict) else {}).get("dockerfile", "Dockerfile"))
        for path in (context, dockerfile):
            if not os.path.exists(path):
                missing.append(f"{name}: build path {path}")
        if os.path.isfile(dockerfile):
            for line in open(dockerfile):
                m = re.match(r"\s*(COPY|ADD)\s+(?!--from)(.*)", line)
                if m:
                    parts = [p for p in m.group(2).split() if not p.startswith("--")]
                    for src in parts[:-1]:
                        if not os.path.exists(os.path.join(context, src)):
                            missing.append(f"{name}: {dockerfile} copies missing {src}")
    for volume in service.get("volumes", []):
        if isinstance(volume, dict):
            source, kind = volume.get("source"), volume.get("type")
        else:
            source = volume.split(":")[0]
            kind = "bind" if source.startswith(("/", ".")) else "volume"
        if kind == "bind" and not os.path.exists(source):
            missing.append(f"{name}: mounted path {source}")
    for env_file in service.get("env_file", []) or []:
        if not os.path.isfile(env_file):
            missing.append(f"{name}: env file {env_file}")

def ignored(context, path):
    """Whether .dockerignore keeps path out of the build context: a pattern matches the path or a
    parent of it, and the last matching pattern wins (a leading ! re-includes)."""
    ignore = os.path.join(context, ".dockerignore")
    if not os.path.isfile(ignore):
        return False
    patterns = [l.strip() for l in open(ignore) if l.strip() and not l.startswith("#")]
    parts = path.strip("/").split("/")
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    excluded = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!").strip("/")
        variants = {pattern, pattern[3:]} if pattern.startswith("**/") else {pattern}
        if any(fnmatch.fnmatchcase(c, v) for c in candidates for v in variants):
            excluded = not negate
    return excluded

for name, service in config.get("services", {}).items():
    build = service.get("build")
    if not build:
        continue
    context = build if isinstance(build, str) else build["context"]
    needed = ["mvnw", "pom.xml", ".mvn/wrapper/maven-wrapper.properties"]
    needed += [os.path.relpath(p, context) for p in glob.glob(os.path.join(context, "*/pom.xml"))]
    needed += [os.path.relpath(p, context) for p in glob.glob(os.path.join(context, "*/src/main"))]
    dockerfile = os.path.join(context, (build if isinstance(build, dict) else {}).get("dockerfile", "Dockerfile"))
    for line in open(dockerfile) if os.path.isfile(dockerfile) else []:
        m = re.match(r"\s*(COPY|ADD)\s+(?!--from)(.*)", line)
        if m:
            needed += [p for p in m.group(2).split() if not p.startswith("--")][:-1]
    for path in needed:
        if path not in (".", "./") and ignored(context, path):
            missing.append(f"{name}: .dockerignore keeps {path} out of the build context")

for m in missing:
    print(f"validate: FAIL: {m}", file=sys.stderr)
sys.exit(1 if missing else 0)
PY
done

for dashboard in deploy/grafana/dashboards/*.json; do
  "$python" -m json.tool "$dashboard" >/dev/null || fail "not valid JSON: $dashboard"
done

metrics="$(grep -ohE '\b(tocsin|kafka)_[a-z0-9_]+' deploy/grafana/dashboards/*.json deploy/prometheus/rules.yml \
  | sed -E 's/_(bucket|count|sum)$//' | sort -u)"
for metric in $metrics; do
  grep -q "\`$metric" docs/operations.md || fail "metric $metric is used by the dashboard or rules but not documented in docs/operations.md"
done
echo "validate: $(wc -w <<<"$metrics") metric names documented"

if command -v amtool >/dev/null; then
  amtool check-config deploy/alertmanager/alertmanager.yml >/dev/null || fail "amtool rejects deploy/alertmanager/alertmanager.yml"
fi
if command -v promtool >/dev/null; then
  promtool check config deploy/prometheus/prometheus.yml >/dev/null || fail "promtool rejects deploy/prometheus/prometheus.yml"
fi

if [ "$failures" -gt 0 ]; then
  echo "validate: $failures problem(s)" >&2
  exit 1
fi
echo "validate: compose deployment ok"
