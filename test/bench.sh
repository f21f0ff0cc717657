#!/usr/bin/env bash
# test/bench.sh — `make bench`: speed of whosaid on the 2,225 BBC articles of ../shared,
# against to_tsvector('english') as the yardstick (target: no slower than it).
#   bash test/bench.sh                 every benchmark
#   bash test/bench.sh sql_quotes cli  some of them (names: BENCHES below)
# The corpus is research-use only: it is read from ../shared and what is generated from
# it stays under build/bench/. To add a benchmark, write bench_NAME and list it in BENCHES.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED=${WHOSAID_SHARED:-../shared}
BBC=$SHARED/corpus/bbc
W=build/bench
RUNS=${BENCH_RUNS:-3}
BENCHES=(cold_start sql_quotes sql_actors cli scale claims)

HAVE_CORPUS=1
compgen -G "$BBC/*.txt" >/dev/null || HAVE_CORPUS=0
# shellcheck source=test/build.sh
source test/build.sh
# shellcheck source=test/cluster.sh
source test/cluster.sh

NDOCS=0 BYTES=0 MB=0
if [ "$HAVE_CORPUS" = 1 ]; then
	NDOCS=$(find "$BBC" -maxdepth 1 -name '*.txt' | wc -l)
	BYTES=$(cat "$BBC"/*.txt | wc -c)
	MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.2f", b / 1e6 }')
fi
TSV_MS= # to_tsvector's time, the yardstick every SQL benchmark is divided by

# One psql session per call: settings made with -c hold for the queries after them.
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# Builds, installs, starts the cluster and loads the corpus into docs. best_ms() gives
# the best-of-N wall time of one query in ms, measured inside the server so that neither
# psql nor the transfer of results counts.
setup_sql() {
	mkdir -p "$W"
	bash test/deps.sh
	echo "bench: building and installing whosaid (log: $W/build.log)"
	if ! { build_all && install_ext; } >"$W/build.log" 2>&1; then
		tail -n 40 "$W/build.log" >&2
		exit 1
	fi
	cluster_start
	"${PSQL[@]}" <<-'SQL'
		CREATE EXTENSION whosaid;
		CREATE TABLE docs (id serial PRIMARY KEY, name text NOT NULL, body text NOT NULL);
		CREATE FUNCTION best_ms(q text, runs int) RETURNS numeric LANGUAGE plpgsql AS $$
		DECLARE
			t0 timestamptz;
			best float8 := 'Infinity';
		BEGIN
			FOR i IN 1..runs LOOP
				t0 := clock_timestamp();
				EXECUTE q;
				best := least(best, extract(epoch FROM clock_timestamp() - t0) * 1000);
			END LOOP;
			RETURN round(best::numeric, 1);
		END $$;
	SQL
	python3 test/texts.py csv "$BBC"/*.txt >"$W/bbc.csv"
	"${PSQL[@]}" -c '\copy docs (name, body) FROM STDIN WITH (FORMAT csv)' <"$W/bbc.csv"
	"${PSQL[@]}" -c 'VACUUM ANALYZE docs'
	echo "== SQL: $NDOCS BBC articles ($MB MB), one backend (no parallel workers), best of $RUNS"
}

# time_sql LABEL QUERY...: all queries in one session, one "LABEL ms" line each.
time_sql() {
	local args=(-c 'SET max_parallel_workers_per_gather = 0') q
	for q in "$@"; do
		args+=(-c "SELECT best_ms(\$q\$$q\$q\$, $RUNS)")
	done
	"${PSQL[@]}" "${args[@]}"
}

bench_sql_quotes() {
	local t
	mapfile -t t < <(time_sql \
		"SELECT sum(length(to_tsvector('english', body))) FROM docs" \
		"SELECT count(*) FROM docs, whosaid.quotes(body)")
	TSV_MS=${t[0]}
	printf '%-34s %10s ms\n' "to_tsvector('english', body)" "${t[0]}" "whosaid.quotes(body)" "${t[1]}"
	echo "quotes/to_tsvector = $(ratio "${t[1]}" "${t[0]}") (target <= 1.0)"
}

bench_sql_actors() {
	local t
	if [ "$("${PSQL[@]}" -c "SELECT to_regprocedure('whosaid.actors(text)') IS NOT NULL")" != t ]; then
		echo "whosaid.actors(body): not there yet, skipped"
		return
	fi
	if [ -z "$TSV_MS" ]; then
		TSV_MS=$(time_sql "SELECT sum(length(to_tsvector('english', body))) FROM docs")
		printf '%-34s %10s ms\n' "to_tsvector('english', body)" "$TSV_MS"
	fi
	t=$(time_sql "SELECT count(*) FROM docs, whosaid.actors(body)")
	printf '%-34s %10s ms\n' "whosaid.actors(body)" "$t"
	echo "actors/to_tsvector = $(ratio "$t" "$TSV_MS") (target <= 1.0)"
}

bench_cli() {
	local best='' ms start i
	python3 test/texts.py jsonl "$BBC"/*.txt >"$W/bbc.jsonl"
	for ((i = 0; i < RUNS; i++)); do
		start=$(date +%s%N)
		build/whosaid quotes <"$W/bbc.jsonl" >/dev/null
		ms=$((($(date +%s%N) - start) / 1000000))
		if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
	done
	echo "== CLI: build/whosaid quotes, $NDOCS articles as JSONL ($MB MB of text), best of $RUNS"
	printf '%-34s %10s ms  = %s MB/s\n' "whosaid quotes" "$best" \
		"$(awk -v b="$BYTES" -v ms="$best" 'BEGIN { printf "%.2f", b / 1e6 / (ms / 1000) }')"
}

# Issue 23: the first quotes() call in a new backend, without and with preloading. It
# needs no corpus and runs its own cluster (test/cold_start.sh).
bench_cold_start() {
	mkdir -p "$W"
	if ! { build_all && install_ext; } >"$W/build-cold.log" 2>&1; then
		tail -n 40 "$W/build-cold.log" >&2
		exit 1
	fi
	echo "== cold start: first whosaid.quotes() call in a new backend, best and median of 9,"
	echo "   against to_tsvector's first call in a new backend (docs/performance.md#cold-start)"
	bash test/cold_start.sh 9 | grep '^first call'
}

# Issue 5's scale figures: GIN at 100,000 rows, index vs sequential scan, tracked inserts.
bench_scale() {
	bash test/bench_scale.sh
}

# Issue 20's claims figures: tracked insert with claims vs to_tsvector + GIN, who_said()
# latency on a large claims table (CLAIMS_INSERT, CLAIMS_QUOTES: test/bench_claims.sh).
bench_claims() {
	bash test/bench_claims.sh
}

main() {
	local b sql_ready=0
	[ $# -gt 0 ] || set -- "${BENCHES[@]}"
	for b in "$@"; do
		declare -F "bench_$b" >/dev/null || { echo "bench: unknown benchmark $b (${BENCHES[*]})" >&2; exit 2; }
	done
	for b in "$@"; do
		# the cold start needs no corpus; everything else reads the BBC articles
		if [ "$b" != cold_start ] && [ "$HAVE_CORPUS" = 0 ]; then
			echo "$b: skipped: ../shared not present ($BBC)"
			continue
		fi
		if [[ $b == sql_* ]] && [ "$sql_ready" = 0 ]; then
			setup_sql
			sql_ready=1
		fi
		if [ "$b" = cli ] && [ ! -x build/whosaid ]; then
			make -s build/whosaid </dev/null
		fi
		"bench_$b"
	done
	cluster_stop
}

main "$@"
