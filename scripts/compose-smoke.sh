#!/usr/bin/env bash
# Runs compose.yaml for real, offline, with Debian's docker-compose (v1), then stops all it
# started (run as root):
# 1. starts Debian's Docker engine by hand (its own data root and socket, no iptables);
# 2. makes a base image with debootstrap (bookworm: python3, postgresql-15, nginx) unless one
#    exists, and a wheelhouse on the host;
# 3. `docker-compose -f compose.yaml -f compose.offline.yaml up -d --build`: PostgreSQL, the
#    loader (must exit 0), two read-only replicas, nginx;
# 4. through nginx: /readyz, /v1/delegates from both replicas, the data version in /v1/meta;
# 5. `docker-compose down -v`, and the engine stopped by its PID.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=${COMPOSE_SMOKE_ROOT:-/tmp/registry-compose}
export REGISTRY_PROXY_PORT=${COMPOSE_SMOKE_PORT:-18766}
export REGISTRY_BASE_IMAGE=registry-compose-base:bookworm
export COMPOSE_PROJECT_NAME=registrysmoke
PYTHON=${PYTHON:-python3}
export DOCKER_HOST="unix://$ROOT/docker.sock"
export DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0
COMPOSE=(docker-compose -f compose.yaml -f compose.offline.yaml)

need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

mkdir -p "$ROOT"
dockerd_pid=""
up=""
cleanup() {
  if [ -n "$up" ]; then
    "${COMPOSE[@]}" logs --no-color >"$ROOT/compose.log" 2>&1 || true
    "${COMPOSE[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
  fi
  rm -rf .docker-wheelhouse
  if [ -n "$dockerd_pid" ]; then
    kill "$dockerd_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.2; done
  fi
}
trap cleanup EXIT

echo "== starting dockerd"
dockerd --bridge=none --iptables=false --ip6tables=false \
  --data-root "$ROOT/data" --exec-root "$ROOT/exec" --pidfile "$ROOT/docker.pid" \
  --host "$DOCKER_HOST" >"$ROOT/dockerd.log" 2>&1 &
dockerd_pid=$!
for _ in $(seq 1 100); do docker info >/dev/null 2>&1 && break; sleep 0.2; done
docker info >/dev/null

if ! docker image inspect "$REGISTRY_BASE_IMAGE" >/dev/null 2>&1; then
  echo "== making the base image with debootstrap"
  rootfs="$ROOT/rootfs"
  if [ ! -x "$rootfs/usr/lib/postgresql/15/bin/postgres" ]; then
    rm -rf "$rootfs"
    debootstrap --variant=minbase --include=python3,python3-venv,postgresql-15,nginx-light \
      bookworm "$rootfs" http://deb.debian.org/debian >"$ROOT/debootstrap.log"
  fi
  tar -C "$rootfs" -c . | docker import - "$REGISTRY_BASE_IMAGE" >/dev/null
fi

echo "== preparing the wheelhouse"
rm -rf .docker-wheelhouse
"$PYTHON" -m pip wheel --quiet --wheel-dir .docker-wheelhouse -r requirements.txt . "setuptools>=68"

echo "== docker-compose up"
up=1
"${COMPOSE[@]}" build --quiet load postgres proxy >/dev/null
"${COMPOSE[@]}" up -d
"$PYTHON" - "$REGISTRY_PROXY_PORT" <<'PY'
import json, sys, time, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
deadline = time.monotonic() + 180
while True:
    try:
        with urllib.request.urlopen(f"{base}/readyz", timeout=3) as response:
            if json.load(response) == {"status": "ready"}:
                break
    except OSError:
        pass
    if time.monotonic() > deadline:
        sys.exit("compose-smoke: FAIL: not ready through nginx in 180 s")
    time.sleep(1)
names = set()
for _ in range(6):
    body = json.load(urllib.request.urlopen(f"{base}/v1/delegates", timeout=5))
    names.update(item["name"] for item in body["items"])
assert "Timothy Kelly" in names, names
meta = json.load(urllib.request.urlopen(f"{base}/v1/meta", timeout=5))
print(f"== through nginx: ready; {body['total']} delegates; data version {meta['data_version']}")
PY
loader_exit=$(docker inspect --format '{{.State.ExitCode}}' "$("${COMPOSE[@]}" ps -q load)")
[ "$loader_exit" = 0 ] || { echo "compose-smoke: FAIL: loader exited $loader_exit" >&2; exit 1; }
for api in api-1 api-2; do
  [ "$(docker inspect --format '{{.State.Running}}' "$("${COMPOSE[@]}" ps -q "$api")")" = true ] \
    || { echo "compose-smoke: FAIL: $api is not running" >&2; exit 1; }
done
echo "compose-smoke: OK"
