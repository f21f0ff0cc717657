#!/usr/bin/env bash
# test/cold_start.sh — how long the first whosaid.quotes() call takes in a new backend,
# without and with shared_preload_libraries = 'whosaid' (docs/versions.md).
#
#   bash test/cold_start.sh [BACKENDS]
#
# Starts its own throwaway cluster (test/cluster.sh) against the installed extension; each
# of BACKENDS (default 7) new connections times its first call inside the server, so that
# neither connecting nor psql counts. Prints one line per setting:
#   first call in a new backend (no preload): best 9.8 ms, median 11.2 ms of 7 backends
#   first call in a new backend (preloaded): best 0.4 ms, median 0.5 ms of 7 backends
# and, for scripts, COLD_MS=... and WARM_MS=... (the best times) on the last two lines.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
N=${1:-7}
# shellcheck source=test/cluster.sh
source test/cluster.sh

PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)

setup_db() {
	"${PSQL[@]}" <<-'SQL'
		CREATE EXTENSION IF NOT EXISTS whosaid;
		CREATE OR REPLACE FUNCTION first_call_ms() RETURNS numeric LANGUAGE plpgsql AS $$
		DECLARE
			t0 timestamptz := clock_timestamp();
		BEGIN
			PERFORM count(*) FROM whosaid.quotes('"We will win," said Jane Smith, the mayor of London.');
			RETURN round(extract(epoch FROM clock_timestamp() - t0)::numeric * 1000, 1);
		END $$;
	SQL
}

# Best and median of N first calls, each in a new backend: "best median".
measure() {
	local i
	for ((i = 0; i < N; i++)); do
		"${PSQL[@]}" -c 'SELECT first_call_ms()'
	done | sort -g | awk '{ v[NR] = $1 } END { printf "%s %s\n", v[1], v[int((NR + 1) / 2)] }'
}

cluster_start
setup_db
read -r cold cold_median < <(measure)
"${PSQL[@]}" -c "ALTER SYSTEM SET shared_preload_libraries = 'whosaid'"
cluster_restart
[ "$("${PSQL[@]}" -c 'SHOW shared_preload_libraries')" = whosaid ]
read -r warm warm_median < <(measure)
cluster_stop
echo "first call in a new backend (no preload): best $cold ms, median $cold_median ms of $N backends"
echo "first call in a new backend (preloaded): best $warm ms, median $warm_median ms of $N backends"
echo "COLD_MS=$cold"
echo "WARM_MS=$warm"
