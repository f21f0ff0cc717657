#!/usr/bin/env bash
# whosaid.quotes() in the server and `whosaid quotes` on the command line run the same
# engine, so on the seed articles they must find the same quotes (count, kind, speaker)
# with the same content spans (1-based character ranges in SQL, so substr() works on
# them; 0-based code-point offsets in the CLI's JSON).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BIN=${WHOSAID_BIN:-build/whosaid}
WORK=build/test-cli/sql_matches_cli
mkdir -p "$WORK"

# shellcheck source=test/testdb.sh
source test/testdb.sh
testdb sql_matches_cli

"${PSQL[@]}" -c 'CREATE EXTENSION whosaid' -c 'CREATE TABLE articles (file text, body text)'
python3 test/texts.py csv test/fixtures/seeds/*.txt |
	"${PSQL[@]}" -c '\copy articles FROM STDIN WITH (FORMAT csv)'
"${PSQL[@]}" -At -c "
	SELECT json_build_object('id', regexp_replace(a.file, '\.txt$', ''),
	                         'n', q.n, 'kind', q.kind, 'speaker', q.speaker,
	                         'content_start', lower(q.content_span) - 1,
	                         'content_end', upper(q.content_span) - 1)
	  FROM articles a, whosaid.quotes(a.body) q ORDER BY a.file, q.n" >"$WORK/sql.jsonl"

# the server runs the tagger model; so must the CLI for the two to agree
MODEL=(); [ -f data/whosaid_ner.model ] && MODEL=(--model data/whosaid_ner.model)
python3 test/texts.py jsonl test/fixtures/seeds/*.txt | "$BIN" quotes "${MODEL[@]}" >"$WORK/cli.jsonl"

python3 - "$WORK/sql.jsonl" "$WORK/cli.jsonl" <<'PY'
import collections, itertools, json, sys
sql = collections.defaultdict(list)
for r in map(json.loads, open(sys.argv[1], encoding="utf-8")):
    sql[r["id"]].append(r)
bad = 0
for d in map(json.loads, open(sys.argv[2], encoding="utf-8")):
    a = [(q["kind"], q["speaker"], q["content_start"], q["content_end"]) for q in d["quotes"]]
    b = [(r["kind"], r["speaker"], r["content_start"], r["content_end"]) for r in sql[d["id"]]]
    same = a == b
    bad += not same
    print(("ok  " if same else "BAD ") + f"{d['id']}: cli {len(a)} quotes, sql {len(b)}")
    if not same:
        for x, y in itertools.zip_longest(a, b):
            if x != y:
                print(f"    cli {x}\n    sql {y}")
sys.exit(bad)
PY
