"""The dashboard in real headless Chromium (Debian's ``chromium``, driven by Playwright) against
a real ``casus serve`` subprocess on 127.0.0.1, over a database filled by the real pipeline
from ``shared/seed/article-403.txt`` and the bundled samples.

Chromium comes from ``scripts/ensure-chromium.sh`` (run by ``make test``); Playwright's own
browser download is never used. Screenshots of each view go to ``test-artifacts/``.
"""

from __future__ import annotations

import base64
import http.server
import json
import re
import tempfile
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import pytest

from casus.ingest import iter_articles, iter_samples
from casus.pipeline import Coder
from casus.settings import Settings
from casus.store import EventQuery, Store
from tests._builders.api import Server, free_port, start_server, stop_server

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Console:
    """Console messages; by default (no ``--tiles``) the page fetches nothing from outside,
    so no error at all is tolerated (#14: offline tile loads used to log ~40)."""

    messages: list[tuple[str, str, str]] = field(default_factory=list)

    def errors(self) -> list[tuple[str, str, str]]:
        return [m for m in self.messages if m[0] in ("error", "pageerror")]


@pytest.fixture(scope="module")
def seeded_db(coder: Coder, shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database filled by the real pipeline: the seed story plus the bundled samples."""
    db = tmp_path_factory.mktemp("dash") / "casus.duckdb"
    settings = Settings.load(db=db)
    read = list(iter_articles([str(shared_dir / "seed" / "article-403.txt")], settings=settings))
    articles = [a for a in read if not isinstance(a, Exception)]
    assert len(articles) == 1, read
    articles += list(iter_samples(settings))
    with Store(db) as store:
        store.write(list(coder.code(articles)))
    return db


@pytest.fixture(scope="module")
def server(seeded_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = start_server(seeded_db, tmp_path_factory.mktemp("serve"))
    yield srv
    stop_server(srv)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-chromium.sh (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            tempfile.mkdtemp(prefix="casus-chromium-"),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        yield ctx
        ctx.close()


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Console]]:
    pg = browser.new_page()
    console = Console()
    pg.on("console", lambda m: console.messages.append((m.type, m.text, m.location.get("url", ""))))
    pg.on("pageerror", lambda e: console.messages.append(("pageerror", str(e), "")))
    yield pg, console
    pg.close()


def shot(pg: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"dashboard-{name}.png"), full_page=True)


def open_dashboard(pg: Any, url: str) -> None:
    pg.goto(url + "/")
    pg.wait_for_selector("#map[data-markers]", timeout=30_000)
    pg.wait_for_selector("#events-table tbody tr", timeout=30_000)


COUNT_MARKERS = """() => {
  let n = document.querySelectorAll('.leaflet-marker-pane .event-marker').length;
  document.querySelectorAll('.leaflet-marker-pane .marker-cluster span')
    .forEach(s => { n += parseInt(s.textContent, 10); });
  return n;
}"""


def located_events(db: Path) -> int:
    with Store(db, read_only=True) as store:
        events = store.events(EventQuery(limit=None))
    return sum(1 for e in events if e.location and e.location.lat is not None)


def test_dashboard_loads_without_console_errors(server: Server, page: tuple[Any, Console]) -> None:
    pg, console = page
    open_dashboard(pg, server.url)
    pg.wait_for_timeout(500)
    shot(pg, "overview")
    assert console.errors() == []
    assert "error" not in (pg.get_attribute("#map-status", "class") or "")


def test_dashboard_map_shows_markers_for_stored_events(
    server: Server, page: tuple[Any, Console]
) -> None:
    pg, _ = page
    expected = located_events(server.db)
    assert expected > 0, "the pipeline stored no event with a place"
    open_dashboard(pg, server.url)
    assert pg.get_attribute("#map", "data-markers") == str(expected)
    shown = -1
    for _ in range(50):  # clusters settle after the fitBounds animation
        shown = pg.evaluate(COUNT_MARKERS)
        if shown == expected:
            break
        pg.wait_for_timeout(200)
    assert shown == expected
    shot(pg, "map")


def test_dashboard_map_falls_back_to_outlines_without_tiles(
    server: Server, page: tuple[Any, Console]
) -> None:
    pg, _ = page
    open_dashboard(pg, server.url)
    # (locator waits, not wait_for_function: the page's CSP forbids eval, as it should)
    pg.wait_for_selector(".leaflet-outlines-pane path >> nth=50", state="attached", timeout=15_000)
    pg.wait_for_selector("#map-status:has-text('country outlines')", timeout=15_000)


def test_dashboard_timeline_draws_isr_irn(server: Server, page: tuple[Any, Console]) -> None:
    pg, console = page
    open_dashboard(pg, server.url)
    pg.fill("#dyad-a", "ISR")
    pg.fill("#dyad-b", "IRN")
    pg.click("#dyad-draw")
    pg.wait_for_selector('#timeline svg circle.gs-point[data-date="2025-06-13"]', timeout=15_000)
    assert pg.locator('#timeline svg rect.bar[data-date="2025-06-13"]').count() >= 1
    shot(pg, "timeline")
    assert console.errors() == []


def test_dashboard_event_view_highlights_tehran(server: Server, page: tuple[Any, Console]) -> None:
    pg, console = page
    open_dashboard(pg, server.url)
    strike = pg.locator(
        '#events-table tr[data-source="ISR"][data-target="IRN"][data-quad="4"][data-place="Tehran"]'
    )
    assert strike.count() >= 1, "no ISR→IRN material-conflict event located in Tehran"
    strike.first.click()
    pg.wait_for_selector("#event-panel:not([hidden]) #evidence mark.place", timeout=15_000)
    places = pg.locator("#evidence mark.place").all_text_contents()
    assert "Tehran" in places
    assert pg.locator("#evidence mark.trigger").count() == 1
    assert "Tehran" in pg.text_content("#evidence")
    shot(pg, "event")
    assert console.errors() == []


def test_dashboard_keyboard_opens_and_closes_an_event(
    server: Server, page: tuple[Any, Console]
) -> None:
    pg, _ = page
    open_dashboard(pg, server.url)
    for _ in range(80):
        pg.keyboard.press("Tab")
        if pg.evaluate("document.activeElement.tagName") == "TR":
            break
    assert pg.evaluate("document.activeElement.tagName") == "TR", "no table row reachable by Tab"
    row_id = pg.evaluate("document.activeElement.dataset.eventId")
    pg.keyboard.press("Enter")
    pg.wait_for_selector("#event-panel:not([hidden]) #evidence", timeout=15_000)
    assert pg.evaluate("document.activeElement.id") == "event-h"
    pg.keyboard.press("Escape")
    assert pg.is_hidden("#event-panel")
    assert pg.evaluate("document.activeElement.dataset.eventId") == row_id


def test_dashboard_fits_a_phone_screen(server: Server, browser: Any) -> None:
    pg = browser.new_page()
    pg.set_viewport_size({"width": 390, "height": 844})
    try:
        open_dashboard(pg, server.url)
        overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        shot(pg, "phone")
    finally:
        pg.close()


def test_dashboard_empty_database_says_what_to_do(
    tmp_path: Path, page: tuple[Any, Console]
) -> None:
    pg, _ = page
    srv = start_server(tmp_path / "missing.duckdb", tmp_path, "--tiles", "none")
    try:
        pg.goto(srv.url + "/")
        pg.wait_for_selector("#events-status:has-text('casus ingest')", timeout=15_000)
        assert "casus ingest" in pg.text_content("#map-status")
        shot(pg, "empty")
    finally:
        stop_server(srv)


def test_dashboard_docs_page_loads_locally(server: Server, page: tuple[Any, Console]) -> None:
    pg, console = page
    requested: list[str] = []
    pg.on("request", lambda r: requested.append(r.url))
    pg.goto(server.url + "/docs")
    pg.wait_for_selector('.opblock-summary-path[data-path="/api/events"]', timeout=30_000)
    assert all(u.startswith(server.url) for u in requested), requested
    assert console.errors() == []
    shot(pg, "docs")


def test_dashboard_uses_no_cdn(server: Server, page: tuple[Any, Console]) -> None:
    pg, _ = page
    requested: list[str] = []
    pg.on("request", lambda r: requested.append(r.url))
    open_dashboard(pg, server.url)
    foreign = [u for u in requested if not u.startswith(server.url)]
    assert foreign == []


def test_dashboard_filters_narrow_map_and_table(server: Server, page: tuple[Any, Console]) -> None:
    pg, console = page
    with Store(server.db, read_only=True) as store:
        conflict = store.events(EventQuery(quad=4, limit=None))
    assert conflict, "the pipeline stored no material-conflict event"
    placed = sum(1 for e in conflict if e.location and e.location.lat is not None)
    open_dashboard(pg, server.url)
    pg.select_option("#f-quad", "4")
    pg.click("#filters button[type=submit]")
    pg.wait_for_selector(f'#map[data-markers="{placed}"]', timeout=15_000)
    pg.wait_for_selector(f"#events-status:has-text('of {len(conflict)} events')", timeout=15_000)
    quads = pg.eval_on_selector_all(
        "#events-table tbody tr", "rows => rows.map(r => r.dataset.quad)"
    )
    assert quads and set(quads) == {"4"}
    shot(pg, "filtered")
    pg.fill("#f-plover", "NOT-A-CATEGORY")
    pg.click("#filters button[type=submit]")
    pg.wait_for_selector("#events-status.error:has-text('PLOVER')", timeout=15_000)
    assert [m for m in console.errors() if "/api/events" not in m[2]] == []


# --- issue #14: the dashboard items ----------------------------------------------------------

MARKER_BOXES = """() => [...document.querySelectorAll(
  '.leaflet-marker-pane .event-marker, .leaflet-marker-pane .marker-cluster')].map(n => {
    const r = n.getBoundingClientRect();
    return [r.left + r.width / 2, r.top + r.height / 2];
})"""


def settle_markers(pg: Any, expected: int) -> None:
    for _ in range(50):  # clusters settle after the map has moved
        if pg.evaluate(COUNT_MARKERS) == expected:
            return
        pg.wait_for_timeout(200)
    assert pg.evaluate(COUNT_MARKERS) == expected


def test_dashboard_map_fits_the_events_shown(server: Server, page: tuple[Any, Console]) -> None:
    """The map zooms to the events' extent: every marker inside the map, and the markers
    spread over a good part of it (at world zoom they sit in a corner of ~60 px)."""
    pg, _ = page
    open_dashboard(pg, server.url)
    settle_markers(pg, located_events(server.db))
    box = pg.locator("#map").bounding_box()
    centres = pg.evaluate(MARKER_BOXES)
    assert len(centres) >= 2
    xs, ys = [c[0] for c in centres], [c[1] for c in centres]
    assert min(xs) >= box["x"] and max(xs) <= box["x"] + box["width"]
    assert min(ys) >= box["y"] and max(ys) <= box["y"] + box["height"]
    spread = max((max(xs) - min(xs)) / box["width"], (max(ys) - min(ys)) / box["height"])
    assert spread >= 0.5, f"markers cover only {spread:.0%} of the map: it did not zoom to them"
    shot(pg, "map-fit")


def in_view(pg: Any, selector: str) -> bool:
    """The element's box overlaps the viewport by at least 40 px."""
    box = pg.locator(selector).first.bounding_box()
    height = pg.evaluate("window.innerHeight")
    return bool(box) and box["y"] + 40 <= height and box["y"] + box["height"] >= 40


@pytest.mark.parametrize("size", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_dashboard_event_detail_opens_in_view(
    server: Server, browser: Any, size: tuple[int, int]
) -> None:
    """A row far down the table opens its event where the reader is: the detail and the
    clicked row are both on screen, the page did not jump away from the table."""
    pg = browser.new_page()
    pg.set_viewport_size({"width": size[0], "height": size[1]})
    try:
        open_dashboard(pg, server.url)
        row = pg.locator("#events-table tbody tr").nth(60)
        row_id = row.get_attribute("data-event-id")
        row.scroll_into_view_if_needed()
        row.click()
        pg.wait_for_selector(f'#event-panel[data-event-id="{row_id}"] #evidence', timeout=15_000)
        pg.wait_for_timeout(300)
        assert in_view(pg, "#event-panel"), "the event detail opened out of view"
        assert in_view(pg, "#evidence"), "the evidence sentence is out of view"
        selector = f'#events-table tr[data-event-id="{row_id}"]'
        assert in_view(pg, selector), "the page jumped away from the clicked row"
        box = pg.locator(selector).bounding_box()
        on_top = pg.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('tr')?.dataset.eventId",
            [box["x"] + 20, box["y"] + box["height"] / 2],
        )
        assert on_top == row_id, "the clicked row is hidden under the event detail"
        shot(pg, f"event-in-view-{size[0]}")
    finally:
        pg.close()


TABLE_LAYOUT = """() => {
  const lines = td => { const r = document.createRange(); r.selectNodeContents(td);
    return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; };
  const width = n => document.querySelector(`#events-table thead th:nth-child(${n})`)
    .getBoundingClientRect().width;
  const dates = document.querySelectorAll('#events-table tbody td:first-child');
  return { dateLines: [...dates].map(lines),
           date: width(1), source: width(2), event: width(3),
           table: document.querySelector('#events-table').getBoundingClientRect().width,
           room: document.querySelector('#events-panel .table-wrap').clientWidth };
}"""


def test_dashboard_dates_never_wrap_and_the_event_column_gets_the_room(
    server: Server, page: tuple[Any, Console]
) -> None:
    pg, _ = page
    open_dashboard(pg, server.url)
    for state in ("alone", "beside the event view"):
        if state != "alone":
            pg.locator("#events-table tbody tr").first.click()
            pg.wait_for_selector("#event-panel:not([hidden]) #evidence", timeout=15_000)
        got = pg.evaluate(TABLE_LAYOUT)
        wrapped = [n for n in got["dateLines"] if n != 1]
        assert not wrapped, f"{len(wrapped)} dates wrap onto two lines ({state})"
        assert got["source"] <= 0.22 * got["table"], (state, got["source"], got["table"])
        assert got["source"] < got["event"], (state, got)
        assert got["table"] <= got["room"] + 1, f"the table is cut off on the right ({state})"
    shot(pg, "table-columns")


PRONOUN_LABEL = re.compile(r"\((he|him|his|she|her|they|them|their|it|its|itself|we|our)\)$", re.I)


def test_dashboard_names_actors_not_pronouns(server: Server, page: tuple[Any, Console]) -> None:
    """'RUSGOV (his)' becomes 'RUSGOV (Russian President Vladimir Putin)': the seed story's
    first full mention of Putin, in the table and in the event view."""
    pg, _ = page
    with Store(server.db, read_only=True) as store:
        rows = store.query(
            "SELECT event_id FROM events WHERE article_id = '403' AND source_code = 'RUSGOV' "
            "AND lower(source_text) IN ('he', 'his')"
        )
    pronoun_ids = [str(r["event_id"]) for r in rows]
    assert len(pronoun_ids) >= 2, "the seed story no longer codes Putin by a pronoun"
    open_dashboard(pg, server.url)
    cells = pg.eval_on_selector_all(
        "#events-table tbody td.c-actor", "tds => tds.map(td => td.textContent)"
    )
    assert cells and [c for c in cells if PRONOUN_LABEL.search(c)] == []
    for event_id in pronoun_ids:
        source = pg.text_content(f'#events-table tr[data-event-id="{event_id}"] td:nth-child(2)')
        assert source == "RUSGOV (Russian President Vladimir Putin)"
    pg.click(f'#events-table tr[data-event-id="{pronoun_ids[0]}"]')
    pg.wait_for_selector("#event-panel:not([hidden]) #evidence", timeout=15_000)
    assert "RUSGOV (Russian President Vladimir Putin)" in pg.text_content("#event-meta")
    assert "(he)" not in pg.text_content("#event-h").lower()
    assert "(his)" not in pg.text_content("#event-h").lower()


def test_dashboard_follows_event_links_after_load(
    server: Server, page: tuple[Any, Console]
) -> None:
    """#event=ID works on a loaded page too: a changed hash, the back button, an empty hash."""
    pg, console = page
    open_dashboard(pg, server.url)
    rows = pg.locator("#events-table tbody tr")
    first, second = (
        rows.nth(0).get_attribute("data-event-id"),
        rows.nth(5).get_attribute("data-event-id"),
    )
    assert pg.is_hidden("#event-panel")
    for event_id in (first, second):
        pg.evaluate(f"location.hash = '#event={event_id}'")
        pg.wait_for_selector(f'#event-panel[data-event-id="{event_id}"] #evidence', timeout=15_000)
        assert pg.locator(f'tr.selected[data-event-id="{event_id}"]').count() == 1
    pg.go_back()
    pg.wait_for_selector(f'#event-panel[data-event-id="{first}"] #evidence', timeout=15_000)
    pg.evaluate("location.hash = ''")
    pg.wait_for_selector("#event-panel", state="hidden", timeout=15_000)
    assert console.errors() == []


def test_dashboard_offline_by_default_requests_nothing_outside(
    server: Server, page: tuple[Any, Console]
) -> None:
    """Without --tiles the map is the bundled outlines: no request leaves the server, no
    console error (no tile loads failing offline), and the outlines are drawn."""
    pg, console = page
    requested: list[str] = []
    pg.on("request", lambda r: requested.append(r.url))
    open_dashboard(pg, server.url)
    pg.wait_for_selector(".leaflet-outlines-pane path >> nth=50", state="attached", timeout=15_000)
    pg.wait_for_timeout(1000)  # time for any tile request to be made and fail
    assert [u for u in requested if not u.startswith(server.url + "/")] == []
    assert pg.locator(".leaflet-tile").count() == 0
    assert console.errors() == []
    assert "casus serve --tiles" in pg.text_content("#map-status")


TILE_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


class _TileHandler(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(TILE_PNG)))
        self.end_headers()
        self.wfile.write(TILE_PNG)

    def log_message(self, *_: Any) -> None:
        pass


def test_dashboard_tiles_come_from_the_tiles_option(
    seeded_db: Path, tmp_path: Path, page: tuple[Any, Console]
) -> None:
    """casus serve --tiles URL: the map loads its tiles from that server (here a real local
    HTTP server), which the page's Content-Security-Policy allows, and from nowhere else."""
    pg, console = page
    tiles = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), _TileHandler)
    threading.Thread(target=tiles.serve_forever, daemon=True).start()
    tile_url = f"http://127.0.0.1:{tiles.server_address[1]}"
    srv = start_server(seeded_db, tmp_path, "--tiles", tile_url + "/{z}/{x}/{y}.png")
    requested: list[str] = []
    pg.on("request", lambda r: requested.append(r.url))
    try:
        open_dashboard(pg, srv.url)
        pg.wait_for_selector(".leaflet-tile-loaded >> nth=3", state="attached", timeout=15_000)
        assert _TileHandler.seen and all(p.endswith(".png") for p in _TileHandler.seen)
        outside = [u for u in requested if not u.startswith((srv.url + "/", tile_url + "/"))]
        assert outside == []
        assert console.errors() == []
    finally:
        stop_server(srv)
        tiles.shutdown()
        tiles.server_close()


def test_dashboard_timeline_opens_on_the_busiest_dyad(
    server: Server, page: tuple[Any, Console]
) -> None:
    """Without choosing anything, the timeline shows the pair with most events (the first of
    /api/dyads), and the pair list shows which one it is."""
    pg, console = page
    with urllib.request.urlopen(server.url + "/api/dyads?limit=5", timeout=10) as res:
        top = json.load(res)["dyads"][0]
    open_dashboard(pg, server.url)
    pg.wait_for_selector(
        f'#timeline[data-dyad="{top["a"]}-{top["b"]}"] svg rect.bar', timeout=15_000
    )
    assert pg.input_value("#dyad-pick") == f"{top['a']},{top['b']}"
    assert f"between {top['a']} and {top['b']}" in pg.text_content("#timeline-status")
    shot(pg, "timeline-default")
    assert console.errors() == []
