#!/usr/bin/env bash
# The same-claim dev set (docs/claims.md, "How the defaults were measured"):
# builds the labelled pairs from ../shared at run time (nothing of their text is
# committed: test/claims_labels.tsv holds keys and labels), then prints
#   1. P/R/F1 of claim similarity per shingle size k = 1..6 on the labelled pairs;
#   2. recall on synthetic edits of the same quotations (trim, ellipsis, edit);
#   3. the extension's claim_similarity (% at whosaid.claim_threshold) and pg_trgm's
#      strict_word_similarity on the same pairs, through a throwaway cluster.
# Needs ../shared (exits 77 without it), the installed extension and pg_trgm.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED=${WHOSAID_SHARED:-../shared}
if [ ! -f "$SHARED/eval/polnear/train.jsonl" ] || [ ! -d "$SHARED/corpus/bbc" ]; then
	echo "skipped: $SHARED (PolNeAR train, BBC corpus) not present"
	exit 77
fi
W=build/claims
mkdir -p "$W"
make -s build/whosaid build/claims_measure
MODEL=(); [ -f data/whosaid_ner.model ] && MODEL=(--model data/whosaid_ner.model)
python3 test/texts.py jsonl "$SHARED"/corpus/bbc/*.txt | build/whosaid quotes "${MODEL[@]}" >"$W/bbc_quotes.jsonl"
python3 test/claims_devset.py pairs "$SHARED" "$W/bbc_quotes.jsonl" test/claims_labels.tsv "$W/pairs.tsv"
python3 test/claims_edits.py "$W/pairs.tsv" "$W/edits.tsv"
build/claims_measure <"$W/pairs.tsv" >"$W/sims.tsv"
build/claims_measure <"$W/edits.tsv" >"$W/edit_sims.tsv"

echo "== 1. labelled pairs, claim similarity per shingle size k"
python3 test/claims_score.py "$W/sims.tsv" k1:0 k2:1 k3:2 k4:3 k5:4 k6:5 | grep -E '^pairs|best|>= 0\.(50|60|70)'
echo "== 2. recall on synthetic variants (each paired with its source)"
for how in trim ellipsis edit trim_edit; do
	grep -P "\t$how\t" "$W/edit_sims.tsv" >"$W/variant.tsv"
	echo "-- $how"
	python3 test/claims_score.py "$W/variant.tsv" k2:1 k3:2 k4:3 --at 0.6 | grep '>='
done

echo "== 3. the extension's % and pg_trgm strict_word_similarity on the same pairs"
# shellcheck source=test/testdb.sh
source test/testdb.sh
testdb claims_devset
cat "$W/pairs.tsv" "$W/edits.tsv" | python3 -c '
import csv, sys
w = csv.writer(sys.stdout)
for line in sys.stdin:
    w.writerow(line.rstrip("\n").split("\t"))' |
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" \
		-c 'CREATE EXTENSION whosaid' -c 'CREATE EXTENSION pg_trgm' \
		-c 'CREATE TABLE dev (ka text, kb text, label int, how text, a text, b text)' \
		-c '\copy dev FROM STDIN WITH (FORMAT csv)'
# the shorter text first: strict_word_similarity looks for it inside the longer
psql -X -q -At -F $'\t' -v ON_ERROR_STOP=1 -d "$db" -c "
	SELECT ka, kb, label, how,
	       whosaid.claim_similarity(whosaid.to_claimvec(a), whosaid.to_claimvec(b)),
	       CASE WHEN length(a) <= length(b) THEN strict_word_similarity(a, b)
	            ELSE strict_word_similarity(b, a) END
	  FROM dev" >"$W/sql_sims.tsv"
t=$(psql -X -q -At -d "$db" -c "LOAD 'whosaid'" -c 'SHOW whosaid.claim_threshold')
grep -vP '\t(trim|ellipsis|edit|trim_edit)\t' "$W/sql_sims.tsv" >"$W/sql_hand.tsv"
echo "-- labelled pairs, % at whosaid.claim_threshold = $t, and pg_trgm at its best threshold"
python3 test/claims_score.py "$W/sql_hand.tsv" claimvec:0 --at "$t" | grep -E '^pairs|>='
python3 test/claims_score.py "$W/sql_hand.tsv" strict_word_similarity:1 | grep -E 'best|>= 0\.(50|60|70)'
for how in trim ellipsis edit trim_edit; do
	grep -P "\t$how\t" "$W/sql_sims.tsv" >"$W/variant.tsv"
	echo "-- $how"
	python3 test/claims_score.py "$W/variant.tsv" claimvec:0 strict_word_similarity:1 --at "$t" | grep '>='
done
