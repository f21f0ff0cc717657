#!/usr/bin/env bash
# The Citus checks (test/citus.sh) as one test of `make test`: they run when a
# citus extension is installed and skip, saying so, when not.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# test/citus.sh starts its own cluster (citus must be preloaded)
unset PGHOST PGPORT
exec bash test/citus.sh
