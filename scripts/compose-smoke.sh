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

# shellcheck source=scripts/docker-engine.sh
. scripts/docker-engine.sh
install_missing dockerd:docker.io docker-compose:docker-compose debootstrap:debootstrap

up=""
cleanup() {
  if [ -n "$up" ]; then
    "${COMPOSE[@]}" logs --no-color >"$ROOT/compose.log" 2>&1 || true
    "${COMPOSE[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
  fi
  rm -rf .docker-wheelhouse
  stop_engine
}
trap cleanup EXIT

start_engine
base_image "$REGISTRY_BASE_IMAGE" python3,python3-venv,postgresql-15,nginx-light \
  /usr/lib/postgresql/15/bin/postgres
wheelhouse

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
