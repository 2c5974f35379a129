# Sourced by docker-smoke.sh and compose-smoke.sh: Debian's Docker engine started by hand,
# offline. Expects ROOT (its own folder), DOCKER_HOST (a socket under ROOT) and PYTHON.

# install_missing COMMAND:PACKAGE...: apt-get install the packages whose command is missing.
install_missing() {
  local need=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair#*:}")
  done
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
  fi
}

dockerd_pid=""

# start_engine: dockerd with no bridge and no iptables, its own data root and socket.
start_engine() {
  mkdir -p "$ROOT"
  echo "== starting dockerd"
  dockerd --bridge=none --iptables=false --ip6tables=false \
    --data-root "$ROOT/data" --exec-root "$ROOT/exec" --pidfile "$ROOT/docker.pid" \
    --host "$DOCKER_HOST" >"$ROOT/dockerd.log" 2>&1 &
  dockerd_pid=$!
  for _ in $(seq 1 100); do docker info >/dev/null 2>&1 && break; sleep 0.2; done
  docker info >/dev/null
}

# stop_engine: the engine stopped by its PID (for an EXIT trap).
stop_engine() {
  if [ -n "$dockerd_pid" ]; then
    kill "$dockerd_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.2; done
  fi
}

# base_image NAME PACKAGES MARKER: a Debian bookworm image made with debootstrap (PACKAGES
# comma-separated), unless NAME exists; MARKER is a file the root filesystem must hold.
base_image() {
  local name=$1 packages=$2 marker=$3 rootfs="$ROOT/rootfs"
  docker image inspect "$name" >/dev/null 2>&1 && return 0
  echo "== making the base image with debootstrap"
  if [ ! -e "$rootfs$marker" ]; then
    rm -rf "$rootfs"
    debootstrap --variant=minbase --include="$packages" bookworm "$rootfs" \
      http://deb.debian.org/debian >"$ROOT/debootstrap.log"
  fi
  tar -C "$rootfs" -c . | docker import - "$name" >/dev/null
}

# wheelhouse: the locked runtime, the project and its build backend as wheels, so that pip in
# the build needs no network.
wheelhouse() {
  echo "== preparing the wheelhouse"
  rm -rf .docker-wheelhouse
  # The project's environment is uv's, without pip: the wheels come from a Python that has it.
  local pip_python=$PYTHON
  "$pip_python" -m pip --version >/dev/null 2>&1 || pip_python=python3
  "$pip_python" -m pip wheel --quiet --wheel-dir .docker-wheelhouse -r requirements.txt . \
    "setuptools>=68"
}
