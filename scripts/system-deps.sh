#!/usr/bin/env bash
# Installs the Debian packages the whole test suite drives for real (when run as root), or
# says which are missing. Each is checked by the command it provides.
set -euo pipefail
declare -A PACKAGES=(
  [wrk]=wrk
)
missing=()
for command in "${!PACKAGES[@]}"; do
  command -v "$command" >/dev/null 2>&1 || missing+=("${PACKAGES[$command]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${missing[*]} (run: sudo apt-get install -y ${missing[*]})" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
