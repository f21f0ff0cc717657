#!/usr/bin/env bash
# The CLI's time grows linearly with the text, on shapes that were quadratic once. A timing
# check, so it runs in `make check-slow` (CI runs it; a contributor may skip it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BIN=${WHOSAID_BIN:-build/whosaid}
status=0

if [ ! -x "$BIN" ]; then
	echo "no CLI at $BIN (make build/whosaid)"
	exit 1
fi

# Time grows linearly with the text: 4x the text may take at most 6x the time (best of 2).
# Shapes that were quadratic once: reports nested in quote attributions in one paragraph
# (add_reported walked every mark), pronoun speakers among many names (actor_named
# scanned every actor), and one endless sentence of cues (each cue's clause searched to
# the sentence end: 800 KB of "said " took 51 s).
python3 - "$BIN" <<'PY' || status=1
import json, subprocess, sys, time
units = {  # the text repeated, the smaller size in bytes
    "nested_reports": ("\u201cWe won big tonight,\u201d Trump said, after outlets declared him the victor. \u201cThis is great.\u201d ", 1_000_000),
    "pronoun_speakers": ("{name} met us on Monday. \u201cWe will keep going,\u201d she said. ", 1_000_000),
    "cue_run": ("said ", 200_000),
    "comma_cues": (", said ", 200_000),
    "relative_cues": ("Smith, who said ", 200_000),
    "dash_asides": ("Smith \u2014 a \u2014 said ", 200_000),
}
def text(unit, size):
    out, n, i = [], 0, 0
    while n < size:
        s = unit.format(name="Mary " + "".join(chr(65 + (i // 26 ** k) % 26) for k in range(4)).capitalize())
        out.append(s); n += len(s.encode()); i += 1
    return json.dumps({"id": "x", "text": "".join(out)}) + "\n"
def best(data):
    t = []
    for _ in range(2):
        t0 = time.perf_counter()
        subprocess.run([sys.argv[1], "quotes"], input=data.encode(), stdout=subprocess.DEVNULL, check=True)
        t.append(time.perf_counter() - t0)
    return min(t)
bad = 0
for name, (unit, size) in units.items():
    t1, t4 = best(text(unit, size)), best(text(unit, 4 * size))
    ok = t4 <= 6 * t1 + 0.2
    print(f"{'ok ' if ok else 'BAD'} {name}: {size // 1000} KB {t1:.2f} s, {4 * size // 1000} KB {t4:.2f} s ({t4 / t1:.1f}x)")
    bad |= not ok
sys.exit(bad)
PY
exit $status
