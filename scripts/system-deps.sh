#!/usr/bin/env bash
# Installs the Debian packages the whole test suite drives for real (when run as root), or
# says which are missing. Each package is checked by a file it installs.
set -euo pipefail
NEEDED=(
  "/usr/bin/wrk wrk"
  "/usr/bin/taskset util-linux"
  "/usr/lib/postgresql/15/bin/initdb postgresql-15"
  "/usr/sbin/runuser util-linux"
  "/usr/bin/chromium chromium"
  "/usr/sbin/nginx nginx"
  "/usr/sbin/dockerd docker.io"
  "/usr/bin/docker-compose docker-compose"
  "/usr/sbin/debootstrap debootstrap"
)
# Node.js 20 and npm build and check the TypeScript client; the machine image brings them.
command -v npm >/dev/null 2>&1 || NEEDED+=("/usr/bin/npm npm")
missing=()
for entry in "${NEEDED[@]}"; do
  read -r file package <<<"$entry"
  [ -e "$file" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${missing[*]} (run: sudo apt-get install -y ${missing[*]})" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
