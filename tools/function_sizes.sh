#!/usr/bin/env bash
# tools/function_sizes.sh [MAX] [FILE...] — the length of every C function, longest first:
# "LINES FILE:LINE NAME", counted from the line that names the function to its closing brace.
# Default files: src/engine/*.c and src/pg/*.c but the generated lexicon_data.c. With MAX,
# prints only the functions longer than MAX lines and exits 1 when there is one.
# Relies on the PostgreSQL layout every file here follows: the name starts a line, the
# body's braces stand alone in column 0.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
max=0
if [[ ${1:-} =~ ^[0-9]+$ ]]; then
	max=$1
	shift
fi
if [ $# -eq 0 ]; then
	for f in src/engine/*.c src/pg/*.c; do
		[ "$f" = src/engine/lexicon_data.c ] || set -- "$@" "$f"
	done
fi
out=$(awk -v max="$max" '
	FNR == 1 { name = ""; start = 0; inbody = 0 }
	!inbody && /^[A-Za-z_][A-Za-z0-9_]*\(/ { name = $0; sub(/\(.*/, "", name); start = FNR }
	!inbody && /^\{/ && name != "" { inbody = 1; next }
	inbody && /^\}/ {
		n = FNR - start + 1
		if (n > max) printf "%d %s:%d %s\n", n, FILENAME, start, name
		inbody = 0; name = ""
	}
' "$@" | sort -k1,1nr -k2,2)
[ -z "$out" ] || echo "$out"
[ "$max" -eq 0 ] || [ -z "$out" ]
