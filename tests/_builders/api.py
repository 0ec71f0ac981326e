"""Hand-made coded articles for the API tests (no model needed): our own sentences, coded by
hand with exact offsets, stored through the real ``Store``."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from casus.model import Article, Event, Evidence, Location, Participant, Sentence, make_event_id
from casus.store import Store

COUNTRIES = {
    "ALD": ("Aldoria", None),
    "ISR": ("Israel", None),
    "IRN": ("Iran", None),
    "RUS": ("Russia", None),
    "FRA": ("France", None),
}
QUAD = {"190": (4, -10.0, "ASSAULT"), "111": (3, -2.0, "DISAPPROVE"), "040": (1, 1.0, "CONSULT")}


def coded_article(
    article_id: str,
    day: dt.date,
    sentences: list[tuple[str, str, str, str, str | None]],
) -> Article:
    """``sentences``: (text, source phrase, trigger word, target phrase, place or None), each
    phrase occurring in its sentence. Events get the quad/Goldstein of the CAMEO code picked
    from the trigger: 'struck' → 190, 'criticised' → 111, else 040."""
    text = " ".join(s[0] for s in sentences)
    sents: list[Sentence] = []
    events: list[Event] = []
    pos = 0
    for idx, (sentence, src, trig, tgt, place) in enumerate(sentences):
        start = text.index(sentence, pos)
        end = start + len(sentence)
        pos = end
        sents.append(Sentence(index=idx, start=start, end=end, text=sentence))
        cameo = "190" if trig == "struck" else "111" if trig == "criticised" else "040"
        quad, goldstein, plover = QUAD[cameo]
        t0 = text.index(trig, start)
        src_code = _code(src)
        tgt_code = _code(tgt)
        location = None
        if place is not None:
            location = Location(
                text=place, name=place, country="IRN", admin1=None, lat=35.69, lon=51.42
            )
        events.append(
            Event(
                event_id=make_event_id(article_id, idx, src_code, cameo, tgt_code),
                article_id=article_id,
                sentence_index=idx,
                cameo=cameo,
                cameo_root=cameo[:2],
                plover=plover,
                mode=None,
                quad_class=quad,
                goldstein=goldstein,
                evidence=Evidence(
                    sentence=sentence,
                    start=start,
                    end=end,
                    trigger=trig,
                    trigger_start=t0,
                    trigger_end=t0 + len(trig),
                ),
                confidence=0.9,
                source=Participant(src, src, src_code, src_code, None),
                target=Participant(tgt, tgt, tgt_code, tgt_code, None),
                date=day,
                date_precision="day",
                location=location,
            )
        )
    return Article(
        id=article_id,
        text=text,
        date=day,
        title=f"Story {article_id}",
        origin="test",
        sentences=tuple(sents),
        events=tuple(events),
    )


def _code(phrase: str) -> str:
    for code, (name, _) in COUNTRIES.items():
        if phrase.startswith(name):
            return code
    return "ALD"


def seed_store(db: Path, n: int = 6) -> list[Article]:
    """Write ``n`` small coded articles (3 events each) into ``db``; return them."""
    articles = []
    for i in range(n):
        day = dt.date(2025, 6, 10 + i % 5)
        articles.append(
            coded_article(
                f"t{i:03d}",
                day,
                [
                    (
                        f"Israel struck Iran near Tehran in raid {i}.",
                        "Israel",
                        "struck",
                        "Iran",
                        "Tehran",
                    ),
                    (
                        f"Russia criticised Israel over raid {i}.",
                        "Russia",
                        "criticised",
                        "Israel",
                        None,
                    ),
                    (f"France met Iran about raid {i}.", "France", "met", "Iran", None),
                ],
            )
        )
    with Store(db) as store:
        store.write(articles)
    return articles


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    db: Path
    proc: subprocess.Popen[bytes]
    log: Path


def casus_exe() -> list[str]:
    exe = Path(sys.executable).with_name("casus")
    return (
        [str(exe)] if exe.exists() else [sys.executable, "-c", "from casus.cli import main; main()"]
    )


def start_server(db: Path, tmp: Path, *extra: str) -> Server:
    port = free_port()
    log = tmp / f"serve-{port}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [*casus_exe(), "serve", "--db", str(db), "--port", str(port), *extra],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"casus serve exited: {log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/api/config", timeout=2) as res:
                if res.status == 200:
                    return Server(url, db, proc, log)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    proc.terminate()
    pytest.fail(f"casus serve did not answer within 60 s: {log.read_text()}")


def stop_server(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait()
