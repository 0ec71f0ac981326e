#!/usr/bin/env bash
# Coding accuracy on the public PLOVER gold: the numbers of the "Coding accuracy" section of
# docs/BENCHMARKS.md (issue #3).
#
# Usage: benchmarks/run_eval.sh [ERRORS]    (ERRORS: also list the N worst records, default 10)
# Reads ../shared/gold/plover_dev.jsonl beside the clone and stops with a message when it is
# missing (gold is never copied into the repository). Prints the report and keeps copies in
# benchmarks/results/eval.txt and eval.json, stamped with the time and commit measured.
set -euo pipefail
cd "$(dirname "$0")/.."

GOLD=../shared/gold/plover_dev.jsonl
if [ ! -f "$GOLD" ]; then
    echo "run_eval: $GOLD not found: this benchmark needs ../shared beside the clone" >&2
    exit 2
fi
ERRORS=${1:-10}
OUT=benchmarks/results
mkdir -p "$OUT"
dirty=""
git diff --quiet HEAD -- src 2>/dev/null || dirty=" (with uncommitted changes in src/)"
{
    echo "\$ casus evaluate $GOLD --errors $ERRORS"
    echo "# measured $(date -u +%Y-%m-%dT%H:%MZ) at commit $(git rev-parse --short HEAD)$dirty"
} | tee "$OUT/eval.txt"
.venv/bin/casus evaluate "$GOLD" --errors "$ERRORS" | tee -a "$OUT/eval.txt"
.venv/bin/casus evaluate "$GOLD" --format json >"$OUT/eval.json"
echo "(JSON in $OUT/eval.json)"
