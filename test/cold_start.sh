#!/usr/bin/env bash
# test/cold_start.sh — how long the first whosaid.quotes() call takes in a new backend,
# without and with shared_preload_libraries = 'whosaid' (docs/performance.md#cold-start),
# against the first to_tsvector('english', ...) call of a new backend as the yardstick.
#
#   bash test/cold_start.sh [BACKENDS]
#
# Starts its own throwaway cluster (test/cluster.sh) against the installed extension. Each
# of BACKENDS (default 9) new connections times its first call inside the server, so that
# neither connecting nor psql counts: the wall time (clock_timestamp) and the backend's CPU
# time (/proc/self/schedstat, nanoseconds; empty where the kernel has none), which a loaded
# machine inflates far less than the wall time. Both include loading the shared library
# (whosaid.so, or dict_snowball.so for to_tsvector), the catalog lookups of a first call and
# whatever the engine builds on first use. Prints one line per measure:
#   first call in a new backend (no preload): best 9.8 ms, median 11.2 ms; CPU best 7.1 ms, median 8.0 ms (9 backends)
# then the CPU ratio to to_tsvector and, for scripts, NAME=value lines: the best times
# COLD_MS, COLD_CPU_MS, TSV_MS, TSV_CPU_MS, WARM_MS, WARM_CPU_MS and the ratios of the median
# CPU times CPU_RATIO_COLD and CPU_RATIO_WARM (empty without /proc/self/schedstat).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
N=${1:-9}
# shellcheck source=test/cluster.sh
source test/cluster.sh

PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)
TEXT='"We will win," said Jane Smith, the mayor of London.'

setup_db() {
	"${PSQL[@]}" <<-'SQL'
		CREATE EXTENSION IF NOT EXISTS whosaid;
		-- CPU nanoseconds of this backend so far; NULL where /proc/self/schedstat is missing.
		-- The kernel brings a running task's figure up to date when it is switched out,
		-- so sleep (1 ms) first; without it the figure lags by up to a scheduler tick.
		CREATE OR REPLACE FUNCTION cpu_ns() RETURNS bigint LANGUAGE plpgsql AS $$
		BEGIN
			PERFORM pg_sleep(1e-6);
			RETURN split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint;
		EXCEPTION WHEN OTHERS THEN
			RETURN NULL;
		END $$;
		-- wall and CPU ms of running q, the first thing this backend does but for this function
		CREATE OR REPLACE FUNCTION first_call_ms(q text, OUT wall numeric, OUT cpu numeric)
		LANGUAGE plpgsql AS $$
		DECLARE
			c0 bigint := cpu_ns();
			t0 timestamptz;
		BEGIN
			c0 := cpu_ns();		-- the first call of cpu_ns() compiles it
			t0 := clock_timestamp();
			EXECUTE q;
			wall := round(extract(epoch FROM clock_timestamp() - t0)::numeric * 1000, 1);
			cpu := round((cpu_ns() - c0) / 1e6, 1);
		END $$;
	SQL
}

# measure QUERY: best and median wall and CPU ms of QUERY as the first call of N new
# backends: "wall_best wall_median cpu_best cpu_median".
measure() {
	local i
	for ((i = 0; i < N; i++)); do
		echo "SELECT wall, coalesce(cpu, -1) FROM first_call_ms(:'q')" | "${PSQL[@]}" -F ' ' -v q="$1"
	done | awk '
		{ w[NR] = $1; c[NR] = $2 }
		function sort(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t } }
		END {
			sort(w, NR); sort(c, NR); m = int((NR + 1) / 2)
			printf "%s %s %s %s\n", w[1], w[m], (c[1] < 0 ? "" : c[1]), (c[m] < 0 ? "" : c[m])
		}'
}

report() { # label wall_best wall_median cpu_best cpu_median
	local cpu=""
	[ -n "${4:-}" ] && cpu="; CPU best $4 ms, median $5 ms"
	echo "first call in a new backend ($1): best $2 ms, median $3 ms$cpu ($N backends)"
}

QUOTES="SELECT count(*) FROM whosaid.quotes('${TEXT//\'/\'\'}')"
TSV="SELECT to_tsvector('english', '${TEXT//\'/\'\'}')"

cluster_start
setup_db
read -r cold cold_med cold_cpu cold_cpu_med < <(measure "$QUOTES")
read -r tsv tsv_med tsv_cpu tsv_cpu_med < <(measure "$TSV")
"${PSQL[@]}" -c "ALTER SYSTEM SET shared_preload_libraries = 'whosaid'"
cluster_restart
[ "$("${PSQL[@]}" -c 'SHOW shared_preload_libraries')" = whosaid ]
read -r warm warm_med warm_cpu warm_cpu_med < <(measure "$QUOTES")
cluster_stop
report "no preload" "$cold" "$cold_med" "$cold_cpu" "$cold_cpu_med"
report "preloaded" "$warm" "$warm_med" "$warm_cpu" "$warm_cpu_med"
report "to_tsvector('english', ...)" "$tsv" "$tsv_med" "$tsv_cpu" "$tsv_cpu_med"
ratio_cold= ratio_warm=
if [ -n "$cold_cpu_med" ] && [ -n "$tsv_cpu_med" ]; then
	ratio_cold=$(awk -v a="$cold_cpu_med" -v b="$tsv_cpu_med" 'BEGIN { printf "%.2f", a / b }')
	ratio_warm=$(awk -v a="$warm_cpu_med" -v b="$tsv_cpu_med" 'BEGIN { printf "%.2f", a / b }')
	echo "first call CPU, whosaid.quotes() / to_tsvector (medians): no preload $ratio_cold, preloaded $ratio_warm"
fi
echo "COLD_MS=$cold"
echo "COLD_CPU_MS=$cold_cpu"
echo "TSV_MS=$tsv"
echo "TSV_CPU_MS=$tsv_cpu"
echo "WARM_MS=$warm"
echo "WARM_CPU_MS=$warm_cpu"
echo "CPU_RATIO_COLD=$ratio_cold"
echo "CPU_RATIO_WARM=$ratio_warm"
