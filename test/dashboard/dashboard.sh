#!/usr/bin/env bash
# The dashboard of examples/dashboard/ (Observable Framework), end to end: the seed articles
# loaded with load.sh, `npm ci` at the versions package-lock.json pins, `observable build`
# against this cluster, serve.mjs in front of it, and every page opened in headless
# Chromium by check.mjs (charts and tables with data, a live speaker: search, no console
# error, no request off the site). Screenshots: build/dashboard/*.png.
# Run by `make check-dashboard` (test/run.sh dashboard), not by `make test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
OUT=$ROOT/build/dashboard
CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}
for tool in node npm; do
	command -v "$tool" >/dev/null 2>&1 || { echo "skipped: $tool is not installed (test/deps.sh installs it as root)"; exit 77; }
done
[ -n "$CHROMIUM" ] || { echo "skipped: chromium is not installed (Debian's chromium package; test/deps.sh installs it as root)"; exit 77; }
export CHROMIUM
rm -rf "$OUT"
mkdir -p "$OUT"

db=whosaid_dashboard
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
server=
cleanup() {
	[ -z "$server" ] || kill "$server" 2>/dev/null || true
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" || true
}
trap cleanup EXIT
export PGDATABASE=$db

step() { printf '%s (at %d s)\n' "$1" "$SECONDS"; }
step "load the seed articles"
bash examples/dashboard/load.sh test/fixtures/seeds

step "npm ci"
cd examples/dashboard
# node_modules/.package-lock.json is npm's record of what it installed: newer than the
# lock file, the install is current
if ! [ node_modules/.package-lock.json -nt package-lock.json ]; then
	npm ci --no-audit --no-fund --loglevel=error >"$OUT/npm-ci.log" 2>&1 || { cat "$OUT/npm-ci.log"; exit 1; }
fi

step "observable build"
DASHBOARD_OUTPUT=$OUT/dist npm run --silent build >"$OUT/build.log" 2>&1 || { tail -n 40 "$OUT/build.log"; exit 1; }
grep -E '^(┌|├|└)' "$OUT/build.log" || true
# The built site loads nothing from elsewhere: no URL but the XML namespaces' (SVG's).
if grep -rEoh "https?://[^\"' )]+" "$OUT/dist" | grep -v '^http://www\.w3\.org/' | sort -u | grep .; then
	echo "the built site names the remote URLs above" >&2
	exit 1
fi

step "serve.mjs"
port=$((20000 + RANDOM % 30000))
DASHBOARD_OUTPUT=$OUT/dist node serve.mjs "$port" >"$OUT/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do
	grep -q '^serve.mjs: http' "$OUT/serve.log" && break
	kill -0 "$server" 2>/dev/null || { cat "$OUT/serve.log"; exit 1; }
	sleep 0.2
done
cat "$OUT/serve.log"
cd "$ROOT"

step "chromium"
node test/dashboard/check.mjs "http://127.0.0.1:$port" "$OUT"
step "done"
