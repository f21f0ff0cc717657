#!/usr/bin/env bash
# The rules' word lists (data/lexicons/whosaid_quote_words.tsv) are tested through a bit the
# tokenizer stamps on each token (ws_tok.word, lexicon.h), looked up in the word-class hash
# table; a word missing from it, two words folding alike ("'s" and "’s") taken for each other or
# a list given another's bit would change which rules fire without failing anything else.
#  1. the compiled lists are the table's: every list and its words, as the tsv has them;
#  2. test/cli/word_lists.c: over the seed and fixture texts, every token's ws_tok_in on every
#     list equals ws_tok_is over the list's words; every word of every list, in three cases,
#     is on its list when it is a token; near misses (a letter more or less, look-alikes
#     that fold to the same ASCII word) are on a list only when ws_tok_is says so.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
WORK=build/test-cli/word_lists
mkdir -p "$WORK"
make -s build/whosaid </dev/null >/dev/null
read -r -a icu_cflags <<<"$(pkg-config --cflags icu-uc icu-i18n 2>/dev/null || true)"
read -r -a icu_libs <<<"$(pkg-config --libs icu-uc icu-i18n 2>/dev/null || echo -licui18n -licuuc -licudata)"
cc -std=c11 -D_GNU_SOURCE -O1 -Wall -Wextra -Werror -Isrc/engine "${icu_cflags[@]}" \
	-o "$WORK/word_lists" test/cli/word_lists.c build/cli/engine/*.o "${icu_libs[@]}" -lm

fail=0
# 1. the lists as compiled against the tsv, read here on their own
# (a word matches in any ASCII case, and may stand on two lines: compared lower-cased, once)
"$WORK/word_lists" lists | LC_ALL=C awk '{ print tolower($0) }' | LC_ALL=C sort -u >"$WORK/compiled.tsv"
LC_ALL=C awk -F '\t' '!/^#/ && NF >= 2 { n = split($2, l, " "); for (i = 1; i <= n; i++) print l[i] "\t" tolower($1) }' \
	data/lexicons/whosaid_quote_words.tsv | LC_ALL=C sort -u >"$WORK/table.tsv"
if cmp -s "$WORK/compiled.tsv" "$WORK/table.tsv"; then
	echo "ok   $(wc -l <"$WORK/table.tsv") list words compiled as the table has them"
else
	echo "FAIL the compiled lists are not the table's:"
	diff "$WORK/table.tsv" "$WORK/compiled.tsv" | head -n 10
	fail=1
fi

# 2. ws_tok_in against ws_tok_is
python3 - >"$WORK/texts.txt" <<'PY'
import glob, json
texts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob("test/fixtures/seeds/*.txt"))]
for f in sorted(glob.glob("test/fixtures/*.jsonl")):
    texts += [json.loads(l)["text"] for l in open(f, encoding="utf-8") if l.strip()]
for t in texts:
    print(t.replace("\\", " ").replace("\n", "\\n"))
PY
if "$WORK/word_lists" check <"$WORK/texts.txt" >"$WORK/check.out"; then
	echo "ok   $(tail -n 1 "$WORK/check.out")"
else
	echo "FAIL ws_tok_in disagrees with the lists' words:"
	cat "$WORK/check.out"
	fail=1
fi
exit $fail
