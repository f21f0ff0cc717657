#!/usr/bin/env bash
# The library exports only what PostgreSQL looks up (issue 21, item 16): the C
# functions the install scripts name, their pg_finfo_ records, _PG_init and
# Pg_magic_func. The engine's ws_* symbols stay hidden, so they cannot clash with
# another library's. The C names are those of every shipped script, unchanged: the
# library serves every version's script, including the 0.1 one kept for upgrades.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
lib="$(pg_config --pkglibdir)/whosaid.so"
[ -f "$lib" ] || lib=whosaid.so
if ! command -v nm >/dev/null; then
	echo "skipped: nm (binutils) not installed"
	exit 77
fi
scripts=(src/sql/*.sql)
for f in whosaid--*.sql; do [ -f "$f" ] && scripts+=("$f"); done
want=$( {
	grep -ho "'MODULE_PATHNAME', *'[A-Za-z0-9_]*'" "${scripts[@]}" | sed "s/.*, *'//; s/'//" |
		while read -r f; do echo "$f"; echo "pg_finfo_$f"; done
	echo _PG_init
	echo Pg_magic_func
} | sort -u)
got=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | grep -v '^_init$\|^_fini$' | sort -u)
if [ "$got" != "$want" ]; then
	echo "FAIL: exported symbols of $lib differ from the expected list (< expected, > exported):"
	diff <(echo "$want") <(echo "$got") | grep '^[<>]' | head -n 20
	echo "($(echo "$got" | grep -c '^ws_' || true) ws_* symbols exported)"
	exit 1
fi
echo "ok: $(echo "$got" | wc -l) symbols exported, none of the engine's"
