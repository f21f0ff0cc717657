#!/usr/bin/env bash
# `whosaid claimvec` and the server run the same engine (claimvec.c): for the quotes of the
# seed articles and for text of every kind (case, accents, apostrophes, numbers, ellipses,
# quotation marks, a text of no words), the CLI's normalised text and anchors are those of
# whosaid.to_claimvec() and whosaid._claim_anchors(), and the anchors a tracked table
# stores for each claim (<prefix>_claim_anchors) are the CLI's for the claim's content.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BIN=${WHOSAID_BIN:-build/whosaid}
WORK=build/test-cli/claimvec_anchors
mkdir -p "$WORK"

# shellcheck source=test/testdb.sh
source test/testdb.sh
testdb claimvec_anchors

"${PSQL[@]}" -c 'CREATE EXTENSION whosaid' -c 'CREATE TABLE articles (file text PRIMARY KEY, body text)' \
	-c "SELECT whosaid.track('articles') IS NOT NULL" -c "SELECT whosaid.track_claims('articles')" >/dev/null
python3 test/texts.py csv test/fixtures/seeds/*.txt |
	"${PSQL[@]}" -c '\copy articles FROM STDIN WITH (FORMAT csv)'

# the texts: every quote of the seeds, and some made to exercise the normalisation
# shellcheck disable=SC1111 # the curly quotation marks are part of the text
"${PSQL[@]}" -At -c "
	CREATE TABLE texts AS
	SELECT row_number() OVER (ORDER BY file, n) AS k, t FROM (
		SELECT q.content AS t, a.file, q.n FROM articles a, whosaid.quotes(a.body) q WHERE q.content IS NOT NULL
		UNION ALL
		SELECT t, '~', o FROM unnest(ARRAY[
			'“They said it VERY plainly” … ‘fix the rota,’ said Zoë in 2004 — it’s the U.S. plan for 1,000 nurses',
			'one two three .. four five six seven . . . eight nine ten eleven twelve',
			'ℜeal ZOE Zoë zoe',
			'...',
			'',
			'a b',
			'Le président a dit: « nous ne céderons pas » et il répète: « jamais, jamais, jamais »'])
			WITH ORDINALITY u(t, o)) x;
	SELECT json_build_object('id', k, 'text', t) FROM texts ORDER BY k" >"$WORK/in.jsonl"
"${PSQL[@]}" -At -c "
	SELECT json_build_object('id', k::text, 'claimvec', whosaid.to_claimvec(t)::text,
	                         'words', whosaid.claim_words(whosaid.to_claimvec(t)),
	                         'anchors', to_json(whosaid._claim_anchors(whosaid.to_claimvec(t))))
	FROM texts ORDER BY k" >"$WORK/sql.jsonl"
"${PSQL[@]}" -At -c "
	SELECT json_build_object('id', c.claim, 'text', c.content,
	                         'anchors', coalesce((SELECT json_agg(k.anchor ORDER BY k.anchor) FROM articles_claim_anchors k
	                                              WHERE k.claim = c.claim), '[]'))
	FROM articles_claims c ORDER BY c.claim" >"$WORK/claims.jsonl"
"$BIN" claimvec <"$WORK/in.jsonl" >"$WORK/cli.jsonl"
python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    print(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False))
' "$WORK/claims.jsonl" | "$BIN" claimvec >"$WORK/cli_claims.jsonl"

python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
load = lambda f: [json.loads(l) for l in open(f"{w}/{f}", encoding="utf-8")]
bad = 0
sql, cli = load("sql.jsonl"), load("cli.jsonl")
assert len(sql) == len(cli) and len(sql) > 20, (len(sql), len(cli))
for s, c in zip(sql, cli):
    if (s["id"], s["claimvec"], s["words"], s["anchors"] or []) != (str(c["id"]), c["claimvec"], c["words"], c["anchors"]):
        bad += 1
        print(f"BAD text {s['id']}:\n    sql {s}\n    cli {c}")
stored, cli = load("claims.jsonl"), load("cli_claims.jsonl")
assert len(stored) == len(cli) and len(stored) > 5, (len(stored), len(cli))
for s, c in zip(stored, cli):
    if s["anchors"] != c["anchors"]:
        bad += 1
        print(f"BAD claim {s['id']}: stored {s['anchors']}, cli {c['anchors']}")
n = sum(len(c["anchors"]) for c in load("cli.jsonl"))
print(f"{'ok' if not bad else 'FAILED'}: {len(sql)} texts ({n} anchors) and {len(stored)} claims' anchors the same in the CLI and the server")
sys.exit(1 if bad else 0)
PY
