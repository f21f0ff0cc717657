#!/usr/bin/env bash
# test/train_model.sh — `make model`: train the named-entity tagger from
# CoNLL-2003 eng.train (research use only: read from ../shared, never copied)
# into data/whosaid_ner.model, which is committed. Deterministic: the same
# data and code give the same file. eng.testa is only used to print dev F1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED=${WHOSAID_SHARED:-../shared}
BIN=${WHOSAID_BIN:-build/whosaid}
TRAIN=$SHARED/ner/conll2003/eng.train
DEV=$SHARED/ner/conll2003/eng.testa
OUT=${MODEL_OUT:-data/whosaid_ner.model}

if [ ! -f "$TRAIN" ]; then
	echo "skipped: $TRAIN not present (the committed $OUT is kept)"
	exit 0
fi
[ -n "${WHOSAID_BIN:-}" ] || make -s "$BIN" </dev/null
DEVARGS=()
[ -f "$DEV" ] && DEVARGS=(--dev "$DEV")
"$BIN" train --train "$TRAIN" "${DEVARGS[@]}" --epochs 20 --bits 18 --out "$OUT"
