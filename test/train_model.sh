#!/usr/bin/env bash
# test/train_model.sh — `make model`: train the named-entity tagger into
# data/whosaid_ner.model, which is committed. Training data, read from
# ../shared at run time and never copied into the repository:
#   - CoNLL-2003 eng.train (Reuters news; research use only);
#   - GUM's CC-BY / CC-BY-SA genres (academic, bio, court, interview, news,
#     voyage; annotations CC-BY 4.0), named entities derived from its
#     coreference layer by test/gum_to_ner.py into build/gum/, less one
#     document in five per genre held out as an other-genre dev set.
# Deterministic: the same data and code give the same file. Only eng.testa and
# the GUM dev documents are scored (printed, never trained on).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED=${WHOSAID_SHARED:-../shared}
BIN=${WHOSAID_BIN:-build/whosaid}
TRAIN=$SHARED/ner/conll2003/eng.train
DEV=$SHARED/ner/conll2003/eng.testa
GUM=$SHARED/ner/gum
OUT=${MODEL_OUT:-data/whosaid_ner.model}

if [ ! -f "$TRAIN" ]; then
	echo "skipped: $TRAIN not present (the committed $OUT is kept)"
	exit 0
fi
[ -n "${WHOSAID_BIN:-}" ] || make -s "$BIN" </dev/null
ARGS=(--train "$TRAIN")
[ -f "$DEV" ] && ARGS+=(--dev "$DEV")
if [ -d "$GUM/tsv" ]; then
	mkdir -p build/gum
	python3 test/gum_to_ner.py "$GUM" data/lexicons build/gum/train.conll build/gum/dev.conll
	ARGS+=(--train build/gum/train.conll --dev build/gum/dev.conll)
else
	echo "note: $GUM not present: training on CoNLL-2003 alone"
fi
"$BIN" train "${ARGS[@]}" --epochs 20 --bits 18 --out "$OUT"
