#!/usr/bin/env bash
# A person's full name and surname are one person actor (issue 19: `Tiger Woods` came out an
# organisation and `Woods` a second, person actor). Each text must give exactly one actor,
# `Tiger Woods`, a person, with `Woods` among its mentions.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BIN=${WHOSAID_BIN:-build/whosaid}
MODEL=${WHOSAID_MODEL:-data/whosaid_ner.model}
WORK=build/test-cli/ner_consistency
mkdir -p "$WORK"

python3 - >"$WORK/in.jsonl" <<'PY'
import json
texts = [
    "Nike signed Tiger Woods in 1996. Woods said the deal changed his life.",
    "Adidas signed Tiger Woods in 1996. Woods said the deal changed his life.",
    'The crowd followed Tiger Woods all week. "It was special," Woods said.',
]
for i, t in enumerate(texts):
    print(json.dumps({"id": str(i), "text": t}))
PY
"$BIN" actors --model "$MODEL" <"$WORK/in.jsonl" >"$WORK/out.jsonl"
python3 - "$WORK/in.jsonl" "$WORK/out.jsonl" <<'PY'
import json, sys
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
bad = 0
for text, line in zip(texts, open(sys.argv[2], encoding="utf-8")):
    out = json.loads(line)
    actors = [(a["actor"], a["kind"]) for a in out["actors"] if "Woods" in a["actor"]]
    woods = [text[m["span_start"]:m["span_end"]] for m in out["mentions"]
             if "Woods" in text[m["span_start"]:m["span_end"]]]
    ok = actors == [("Tiger Woods", "person")] and "Woods" in woods and \
        all(m["kind"] == "person" for m in out["mentions"]
            if "Woods" in text[m["span_start"]:m["span_end"]])
    print(("ok  " if ok else "FAIL"), text, "->", actors, woods)
    bad += not ok
sys.exit(1 if bad else 0)
PY
