#!/usr/bin/env bash
# `make demo` works: it starts its own cluster, and its table shows quotes from each of
# the three seed articles. (run.sh has built and installed already, so the demo skips that.)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out=build/test-cli/demo.out
mkdir -p "$(dirname "$out")"
# The demo must not reuse the test cluster: it is meant to run on a bare machine.
env -u PGHOST -u PGPORT -u PGDATABASE WHOSAID_SKIP_BUILD=1 bash test/demo.sh >"$out" 2>&1 || {
	cat "$out"
	exit 1
}
cat "$out"
missing=0
for f in test/fixtures/seeds/*.txt; do
	name=$(basename "$f")
	if ! grep -q "│ $name" "$out"; then
		echo "no quote row for $name"
		missing=1
	fi
done
exit $missing
