#!/usr/bin/env bash
# test/eval_actors.sh — accuracy of named actors through the CLI:
# CoNLL-2003 eng.testa (dev) and GUM's held-out documents, exact span + kind
# for person/organization/place, and the seed articles' gold actors (kind, role, affiliation, photo credits).
# Needs ../shared; skips saying so without it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED=${WHOSAID_SHARED:-../shared}
BIN=${WHOSAID_BIN:-build/whosaid}
MODEL=${WHOSAID_MODEL:-data/whosaid_ner.model}

if [ ! -d "$SHARED/ner" ] && [ ! -d "$SHARED/seeds" ]; then
	echo "skipped: ../shared not present"
	exit 0
fi
[ -n "${WHOSAID_BIN:-}" ] || make -s "$BIN" </dev/null
if [ -f "$SHARED/ner/conll2003/eng.testa" ]; then
	python3 test/eval_actors.py conll "$BIN" "$MODEL" "$SHARED/ner/conll2003/eng.testa"
else
	echo "skipped: conll eng.testa not present"
fi
# GUM's held-out documents (one in five per genre, never trained on; see
# test/gum_to_ner.py): the other-genre figure.
if [ -d "$SHARED/ner/gum/tsv" ]; then
	mkdir -p build/gum
	python3 test/gum_to_ner.py "$SHARED/ner/gum" data/lexicons build/gum/train.conll build/gum/dev.conll 2>/dev/null
	python3 test/eval_actors.py conll "$BIN" "$MODEL" build/gum/dev.conll
else
	echo "skipped: GUM not present"
fi
if [ -f "$SHARED/seeds/gold.jsonl" ]; then
	python3 test/eval_actors.py seeds "$BIN" "$MODEL" "$SHARED/seeds/gold.jsonl" "$SHARED/seeds"
else
	echo "skipped: seeds gold not present"
fi
