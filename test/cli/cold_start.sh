#!/usr/bin/env bash
# The first whosaid.quotes() call in a new backend stays cheap, without and with
# shared_preload_libraries = 'whosaid' (issue 23: it took ~170 ms, then 33-52 ms best of 9 on
# the loaded development machine; now 6-21 ms there, docs/performance.md#cold-start).
# test/cold_start.sh times 9 new backends against the installed extension; this checks
#   - the best wall time, without and with preloading, < COLD_START_LIMIT_MS (40): about
#     twice the worst best-of-9 measured at load average 7-9 on 2 cores (21 ms);
#   - where the kernel reports a backend's CPU time, the median CPU time of the first call
#     against to_tsvector('english', ...)'s first call in a new backend (which loads
#     dict_snowball.so the same way) < COLD_START_RATIO (2.0): it was 3.0-3.5 before and is
#     0.7-1.3 now; both sides run under the same load, so the ratio holds on a busy machine
#     (against the code before, this check failed at 3.48 while the wall time passed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
LIMIT_MS=${COLD_START_LIMIT_MS:-40}
RATIO=${COLD_START_RATIO:-2.0}

out=$(bash test/cold_start.sh 9)
echo "$out"
value() { sed -n "s/^$1=//p" <<<"$out"; }
status=0
# check LABEL VALUE LIMIT UNIT
check() {
	if awk -v v="$2" -v lim="$3" 'BEGIN { exit !(v != "" && v < lim) }'; then
		echo "ok  $1: $2$4 < $3$4"
	else
		echo "BAD $1: ${2:-?}$4, not < $3$4"
		status=1
	fi
}
check "no preload, best first call" "$(value COLD_MS)" "$LIMIT_MS" " ms"
check "preloaded, best first call" "$(value WARM_MS)" "$LIMIT_MS" " ms"
if [ -n "$(value CPU_RATIO_COLD)" ]; then
	check "no preload, first call CPU / to_tsvector's" "$(value CPU_RATIO_COLD)" "$RATIO" ""
	check "preloaded, first call CPU / to_tsvector's" "$(value CPU_RATIO_WARM)" "$RATIO" ""
else
	echo "no CPU times (/proc/self/schedstat unreadable): ratio to to_tsvector not checked"
fi
exit "$status"
