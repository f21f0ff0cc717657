#!/usr/bin/env bash
# The blind news patterns set (test/fixtures/patterns_blind.jsonl, 82 invented texts committed
# before whosaid was run on them: an estimate of a held-out set of issue 19's patterns), scored
# by test/cli/patterns.sh; fails below PATTERNS_MIN (the score at the last engine change).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
PATTERNS_FILE=test/fixtures/patterns_blind.jsonl PATTERNS_MIN=${PATTERNS_MIN:-78} exec bash test/cli/patterns.sh
