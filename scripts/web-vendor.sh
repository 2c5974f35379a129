#!/usr/bin/env bash
# Vendor the browser page's charting libraries into app/web/vendor/ from the npm registry, at
# the versions web-vendor/package-lock.json pins (`make web-vendor`). The page loads them from
# the app itself: no CDN. Each library's licence file goes next to it.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --prefix web-vendor --ignore-scripts --no-audit --no-fund --silent
modules=web-vendor/node_modules
out=app/web/vendor
mkdir -p "$out"
cp "$modules/d3/dist/d3.min.js" "$out/d3.min.js"
cp "$modules/d3/LICENSE" "$out/d3.LICENSE.txt"
cp "$modules/@observablehq/plot/dist/plot.umd.min.js" "$out/plot.umd.min.js"
cp "$modules/@observablehq/plot/LICENSE" "$out/plot.LICENSE.txt"
version() { node -p "require('./web-vendor/package-lock.json').packages['node_modules/$1'].version"; }
{
  echo "Observable Plot's UMD build (plot.umd.min.js) bundles three small packages besides its own"
  echo "code; their licences follow (from web-vendor/node_modules, the versions in package-lock.json)."
  for package in interval-tree-1d binary-search-bounds isoformat; do
    licence=$(node -p "require('./$modules/$package/package.json').license")
    printf '\n== %s %s (%s)\n\n' "$package" "$(version "$package")" "$licence"
    cat "$modules/$package/LICENSE"
  done
} > "$out/plot.bundled.LICENSES.txt"
echo "vendored d3 $(version d3) and @observablehq/plot $(version @observablehq/plot) into $out/"
