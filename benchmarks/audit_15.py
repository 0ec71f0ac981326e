"""Re-measure the robustness figures of issue #15 with real processes on this machine.

    .venv/bin/python benchmarks/audit_15.py [--articles 300] [--readers 20] [--flood 200]
                                            [--flood-threads 20] [--json]

1. **kill -9, rerun.** ``casus ingest`` of ``--articles`` synthetic articles into a reference
   database; the same command into a second database, SIGKILLed once a third of the articles
   are stored, then run again. The event ids of both databases must be identical.
2. **Readers during an ingest.** ``casus serve`` over a copy of the reference database while
   ``casus ingest`` writes as many new articles into it; ``--readers`` threads read the API in
   a loop until the ingest ends. Errors (any answer but 200) and latency p50/p99.
3. **A bounded /api/code flood.** ``casus serve --allow-code`` on 127.0.0.1; ``--flood``
   POSTs of one short article from ``--flood-threads`` threads. Answers by status, the time
   from the last answer until the server's CPU is idle again (< 5 % over 0.5 s), and the
   server's peak resident memory (``VmHWM``).

Prints a Markdown table for ``docs/BENCHMARKS.md`` (``--json``: the figures as JSON).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import duckdb
import psutil

_COUNTRIES = ["Kenya", "Peru", "Norway", "Vietnam", "Ghana", "Ecuador", "Latvia", "Senegal"]
_PLACES = ["Nairobi", "Lima", "Oslo", "Hanoi", "Accra", "Quito", "Riga", "Dakar"]
_ACTIONS = ["hosted talks with", "criticised", "signed a fisheries deal with", "expelled two"]
_READ_PATHS = [
    "/api/events?limit=50",
    "/api/events?dyad=KEN,PER&format=csv",
    "/api/dyads/KEN/PER/series",
    "/api/dyads?limit=5",
    "/api/watch",
]
_ARTICLE = {
    "id": "flood",
    "date": "2025-06-10",
    "text": "Kenya hosted talks with Peru in Nairobi on Tuesday, officials said. "
    "The government of Peru said it would respond within days.",
}


def _casus(*args: str) -> list[str]:
    exe = Path(sys.executable).with_name("casus")
    return [str(exe), *args] if exe.exists() else [sys.executable, "-m", "casus", *args]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASUS_")}
    env.update(CASUS_STORE_BATCH_SIZE="10", CASUS_NLP_BATCH_SIZE="5")
    return env


def _corpus(path: Path, n: int, prefix: str) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            a, b = _COUNTRIES[i % 8], _COUNTRIES[(i * 3 + 1) % 8]
            text = (
                f"{a} {_ACTIONS[i % 4]} {b} on Tuesday, officials in {_PLACES[(i * 5) % 8]} "
                f"said in report number {i}. The government of {b} said it would respond "
                f"within {i % 9 + 2} days."
            )
            day = f"2025-{1 + i % 9:02d}-{10 + i % 18:02d}"
            out.write(json.dumps({"id": f"{prefix}-{i:04d}", "date": day, "text": text}) + "\n")


def _read(db: Path, sql: str) -> list[tuple[Any, ...]]:
    deadline = time.monotonic() + 60
    while True:
        try:
            con = duckdb.connect(str(db), read_only=True)
            try:
                return con.execute(sql).fetchall()
            finally:
                con.close()
        except duckdb.Error:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _ingest(corpus: Path, db: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        _casus("ingest", str(corpus), "--db", str(db)), env=_env(), check=True, capture_output=True
    )
    return time.perf_counter() - started


def kill_and_rerun(tmp: Path, n: int) -> dict[str, Any]:
    corpus = tmp / "corpus.jsonl"
    _corpus(corpus, n, "audit")
    ref, killed = tmp / "reference.duckdb", tmp / "killed.duckdb"
    seconds = _ingest(corpus, ref)
    proc = subprocess.Popen(
        _casus("ingest", str(corpus), "--db", str(killed)),
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    at_kill = 0
    while proc.poll() is None:
        if killed.exists():
            try:
                at_kill = int(_read(killed, "SELECT count(*) FROM articles")[0][0])
            except duckdb.Error:
                at_kill = 0
            if at_kill >= n // 3:
                proc.send_signal(signal.SIGKILL)
                break
        time.sleep(0.05)
    proc.wait()
    _ingest(corpus, killed)
    ids = "SELECT event_id FROM events ORDER BY 1"
    a, b = _read(ref, ids), _read(killed, ids)
    return {
        "articles": n,
        "ingest_seconds": round(seconds, 1),
        "killed_by_sigkill": proc.returncode == -signal.SIGKILL,
        "stored_at_kill": at_kill,
        "events": len(a),
        "identical_event_ids": a == b,
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: Path, log: Path, *extra: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            _casus("serve", "--db", str(db), "--port", str(port), "--tiles", "none", *extra),
            env=_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    probe = "/api/health" if "--allow-code" in extra else "/api/config"
    while time.monotonic() < deadline:
        if _get(url + probe)[0] == 200:
            return proc, url
        time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"casus serve did not start: {log.read_text()[-2000:]}")


def _get(url: str) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as res:
            res.read()
            status = res.status
    except urllib.error.HTTPError as err:
        status = err.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        status = 0
    return status, time.perf_counter() - started


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _ms(values: list[float], q: int) -> float:
    if len(values) < 2:
        return round(1000 * values[0], 1) if values else 0.0
    return round(1000 * statistics.quantiles(values, n=100)[q - 1], 1)


def readers_during_ingest(tmp: Path, n: int, readers: int) -> dict[str, Any]:
    db = tmp / "readers.duckdb"
    shutil.copy(tmp / "reference.duckdb", db)
    corpus = tmp / "more.jsonl"
    _corpus(corpus, n, "more")
    server, url = _serve(db, tmp / "serve-readers.log")
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    done = threading.Event()

    def reader(k: int) -> None:
        i = k
        while not done.is_set():
            status, seconds = _get(url + _READ_PATHS[i % len(_READ_PATHS)])
            i += 1
            with lock:
                statuses[status] += 1
                latencies.append(seconds)

    try:
        threads = [threading.Thread(target=reader, args=(k,)) for k in range(readers)]
        for t in threads:
            t.start()
        seconds = _ingest(corpus, db)
        done.set()
        for t in threads:
            t.join()
    finally:
        done.set()
        _stop(server)
    stored = int(_read(db, "SELECT count(*) FROM articles")[0][0])
    return {
        "readers": readers,
        "ingest_articles": n,
        "ingest_seconds": round(seconds, 1),
        "requests": sum(statuses.values()),
        "errors": sum(v for k, v in statuses.items() if k != 200),
        "statuses": dict(statuses),
        "p50_ms": _ms(latencies, 50),
        "p99_ms": _ms(latencies, 99),
        "articles_stored": stored,
    }


def _post(url: str) -> int:
    req = urllib.request.Request(
        url + "/api/code",
        data=json.dumps(_ARTICLE).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=60) as res:
            res.read()
            return int(res.status)
    except urllib.error.HTTPError as err:
        return int(err.code)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0


def _peak_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def code_flood(tmp: Path, total: int, threads: int) -> dict[str, Any]:
    server, url = _serve(tmp / "reference.duckdb", tmp / "serve-code.log", "--allow-code")
    try:
        proc = psutil.Process(server.pid)
        idle_mb = round(proc.memory_info().rss / 2**20, 1)
        started = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            statuses = Counter(pool.map(lambda _: _post(url), range(total)))
        last = time.perf_counter()
        proc.cpu_percent(None)
        idle_after = None
        while time.perf_counter() - last < 60:
            if proc.cpu_percent(interval=0.5) < 5.0:
                idle_after = round(time.perf_counter() - last, 1)
                break
        peak = _peak_mb(server.pid)
    finally:
        _stop(server)
    return {
        "requests": total,
        "threads": threads,
        "flood_seconds": round(last - started, 1),
        "statuses": dict(statuses),
        "cpu_idle_after_seconds": idle_after,
        "rss_before_mb": idle_mb,
        "peak_rss_mb": peak,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--flood", type=int, default=200)
    parser.add_argument("--flood-threads", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="casus-audit-") as name:
        tmp = Path(name)
        figures = {
            "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python "
            f"{platform.python_version()}, load {os.getloadavg()[0]:.2f}",
            "kill": kill_and_rerun(tmp, args.articles),
            "readers": readers_during_ingest(tmp, args.articles, args.readers),
            "flood": code_flood(tmp, args.flood, args.flood_threads),
        }
    if args.json:
        print(json.dumps(figures, indent=1))
        return
    k, r, f = figures["kill"], figures["readers"], figures["flood"]
    print(f"machine: {figures['machine']}")
    print("| audit | figure |\n|---|---|")
    print(
        f"| kill -9 mid-ingest, rerun | {k['articles']} articles, killed at "
        f"{k['stored_at_kill']} stored; {k['events']} events; event ids identical to an "
        f"uninterrupted run: {'yes' if k['identical_event_ids'] else 'NO'} |"
    )
    print(
        f"| {r['readers']} readers during an ingest | {r['requests']} requests during "
        f"{r['ingest_seconds']} s of ingest ({r['ingest_articles']} articles), {r['errors']} "
        f"errors; p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms |"
    )
    print(
        f"| /api/code flood | {f['requests']} POSTs from {f['threads']} threads in "
        f"{f['flood_seconds']} s: {f['statuses']}; CPU idle {f['cpu_idle_after_seconds']} s "
        f"after the last answer; RSS {f['rss_before_mb']} MiB before, peak {f['peak_rss_mb']} "
        "MiB |"
    )


if __name__ == "__main__":
    main()
