#!/usr/bin/env bash
# Throughput, time per stage, peak memory and the spaCy floor: the numbers of the
# "Throughput and stages" section of docs/BENCHMARKS.md (issue #3).
#
# Usage: benchmarks/run_bench.sh [LIMIT] [REPEAT]    (default: the whole corpus, 1 run)
# Reads ../shared/corpus/ipe_docs.jsonl beside the clone and stops with a message when it is
# missing (the corpus is never copied into the repository). Prints the report and keeps a
# copy in benchmarks/results/bench.txt, stamped with the time and commit measured.
set -euo pipefail
cd "$(dirname "$0")/.."

CORPUS=../shared/corpus/ipe_docs.jsonl
if [ ! -f "$CORPUS" ]; then
    echo "run_bench: $CORPUS not found: this benchmark needs ../shared beside the clone" >&2
    exit 2
fi
ARGS=("$CORPUS" --repeat "${2:-1}")
if [ -n "${1:-}" ]; then
    ARGS+=(--limit "$1")
fi
OUT=benchmarks/results/bench.txt
mkdir -p "$(dirname "$OUT")"
dirty=""
git diff --quiet HEAD -- src 2>/dev/null || dirty=" (with uncommitted changes in src/)"
{
    echo "\$ casus bench ${ARGS[*]}"
    echo "# measured $(date -u +%Y-%m-%dT%H:%MZ) at commit $(git rev-parse --short HEAD)$dirty"
} | tee "$OUT"
.venv/bin/casus bench "${ARGS[@]}" | tee -a "$OUT"
