"""The HTTP API and the dashboard (``casus serve``): FastAPI over the same library functions
as the CLI. The only module that imports FastAPI; the logic lives in ``casus.api.service``.

Every error is answered as ``{"error": <short reason>, "detail": <what to do>}``. Reads open a
short-lived read-only store connection per request (retried while ``casus ingest`` holds the
write lock); see ``docs/API.md``.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import threading
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from ..errors import CasusError, CodingError, ConfigError, InputError, StoreError
from ..model import Article
from ..settings import Settings
from . import service as svc
from .labels import stored_labels

__all__ = ["DEFAULT_TILES", "create_app", "run", "serve"]

DEFAULT_TILES = "none"
"""No tile server: the dashboard draws the bundled country outlines and fetches nothing."""
_MAX_PAGE = 1000
_MAX_DEPTH = 20
"""Deepest JSON nesting accepted in a body (an article is depth 1, a list of them 2)."""
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
_STORE_DETAIL = {
    "missing": "no database yet: store articles with `casus ingest FILE --db DB`, then reload",
    "locked": "the database is busy (another process is writing it): try again in a moment",
    "corrupt": "the database cannot be read: restart the server with a valid --db",
}
_log = logging.getLogger("casus.api")
_STATUS_WORDS = {
    400: "bad request",
    401: "unauthorized",
    403: "forbidden",
    404: "not found",
    405: "method not allowed",
    413: "request too large",
    415: "unsupported media type",
    421: "misdirected request",
    422: "invalid request",
    500: "internal error",
    503: "unavailable",
    504: "timeout",
}


class ArticleIn(BaseModel):
    """One article as CONTRACT input (JSON): only ``id`` and ``text`` are required."""

    id: str = Field(examples=["403"])
    text: str = Field(examples=["Israel struck targets in Tehran on Friday."])
    date: str | None = Field(default=None, examples=["2025-06-14"])
    title: str | None = None
    url: str | None = None
    source: str | None = None


class ErrorOut(BaseModel):
    """Every error: a short reason and what to do about it."""

    error: str = Field(examples=["invalid request"])
    detail: str = Field(examples=["since: 2025-02-30 is not a calendar date"])


_ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": _STATUS_WORDS[code]} for code in (404, 422, 503)
}


class ApiError(Exception):
    """An error answered with ``status`` and the one JSON error shape."""

    def __init__(self, status: int, detail: str, error: str | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.error = error or _STATUS_WORDS.get(status, "error")


def _error(status: int, detail: str, error: str | None = None) -> JSONResponse:
    return JSONResponse(
        {"error": error or _STATUS_WORDS.get(status, "error"), "detail": detail}, status_code=status
    )


def _static_dir() -> Path:
    return Path(str(resources.files("casus.api") / "static"))


def _default_coder_factory(settings: Settings) -> Callable[[], Any]:
    def build() -> Any:
        from ..pipeline import Coder

        return Coder(settings)

    return build


def create_app(
    settings: Settings | None = None,
    *,
    allow_ingest: bool = False,
    allow_code: bool = False,
    host: str = "127.0.0.1",
    tiles: str = DEFAULT_TILES,
    coder_factory: Callable[[], Any] | None = None,
) -> FastAPI:
    """Build the app. ``tiles`` is the map tile URL template (``none`` for outlines only);
    ``coder_factory`` builds the coder (default: ``Coder``), loaded at once in the coding
    thread when ``allow_code`` or ``allow_ingest``. ``host`` is the bound name: requests
    must carry it (or, on a loopback address, any loopback name) in their ``Host`` header.
    A database file that exists but cannot be read raises :class:`StoreError` here."""
    settings = settings or Settings.load()
    if allow_ingest and not settings.token:
        raise ConfigError(
            "--allow-ingest needs a token", where="serve", hint="set CASUS_TOKEN=<secret>"
        )
    access = svc.StoreAccess(settings.db, retry_seconds=settings.api_timeout_seconds)
    access.check()
    holder = svc.CoderHolder(
        coder_factory or _default_coder_factory(settings), max_pending=settings.api_code_queue
    )
    if allow_code or allow_ingest:
        holder.start()
    app = FastAPI(
        title="casus",
        summary="Political event data: who did what to whom, when and where (CAMEO, PLOVER).",
        version=_version(),
        docs_url=None,
        redoc_url=None,
        responses=_ERROR_RESPONSES,
    )
    app.state.settings = settings
    app.state.coder = holder
    _add_error_handlers(app)
    _add_host_check(app, host)
    app.mount("/static", StaticFiles(directory=_static_dir()), name="static")
    _add_pages(app, svc.tile_source(tiles))
    _add_read_routes(app, access)
    _add_health(app, holder, enabled=allow_code or allow_ingest)
    _add_write_routes(app, settings, access, holder, allow_ingest, allow_code)
    return app


def _host_names(host: str) -> frozenset[str] | None:
    """The ``Host`` names accepted for a server bound to ``host`` (``None``: any, for a
    server bound to every interface on purpose)."""
    if host in ("0.0.0.0", "::", ""):
        return None
    name = host.lower()
    return _LOOPBACK | {name} if name in _LOOPBACK else frozenset({name})


def _add_host_check(app: FastAPI, host: str) -> None:
    """Refuse requests whose ``Host`` is not the bound name (DNS rebinding: a page on another
    site that resolves its own name to 127.0.0.1 would otherwise read the API)."""
    names = _host_names(host)
    if names is None:
        return

    @app.middleware("http")
    async def _check_host(request: Request, call_next: Callable[[Request], Any]) -> Any:
        given = request.headers.get("host", "").lower()
        name = given.rsplit(":", 1)[0] if given.count(":") == 1 or "]:" in given else given
        if name not in names:
            return _error(421, "unknown Host header: use the address the server listens on")
        return await call_next(request)


def _add_health(app: FastAPI, holder: svc.CoderHolder, *, enabled: bool) -> None:
    @app.get("/api/health", tags=["dashboard"])
    def health() -> JSONResponse:
        """Readiness: 200 once the coder is loaded (or coding is off), else 503."""
        state = holder.state if enabled else "off"
        ready = state in ("ready", "off")
        body = {"ready": ready, "coder": state, "pending": holder.pending}
        return JSONResponse(body, status_code=200 if ready else 503)


def _version() -> str:
    from .. import __version__

    return str(__version__)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.detail, exc.error)

    @app.exception_handler(HTTPException)
    async def _http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for e in exc.errors():
            loc = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
            parts.append(f"{loc}: {e.get('msg', 'invalid')}" if loc else str(e.get("msg")))
        return _error(422, "; ".join(parts) or "invalid request")

    @app.exception_handler(InputError)
    async def _input_error(_: Request, exc: InputError) -> JSONResponse:
        return _error(422, str(exc))

    @app.exception_handler(StoreError)
    async def _store_error(_: Request, exc: StoreError) -> JSONResponse:
        # never the message: DuckDB's texts name the file's absolute path
        _log.warning("store error: %s", exc)
        detail = _STORE_DETAIL.get(exc.reason or "", "the database cannot be read just now")
        return _error(503, detail, "store unavailable")

    @app.exception_handler(CasusError)
    async def _casus_error(_: Request, exc: CasusError) -> JSONResponse:
        _log.error("error: %s", exc)
        return _error(500, "the request could not be completed (see the server log)")

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        _log.error("unexpected %s", type(exc).__name__, exc_info=exc)
        return _error(500, "unexpected error (see the server log)")


def _add_pages(app: FastAPI, tiles: svc.Tiles) -> None:
    static = _static_dir()
    images = "'self' data:" + (f" {tiles.origin}" if tiles.origin else "")
    csp = (
        f"default-src 'self'; img-src {images}; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; connect-src 'self'; frame-ancestors 'none'"
    )

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static / "index.html", headers={"Content-Security-Policy": csp})

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="casus API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
        )

    @app.get("/api/config", tags=["dashboard"])
    def config() -> dict[str, Any]:
        """Dashboard settings: the map tile URL (``null``: country outlines only)."""
        return {"tiles": tiles.url, "attribution": tiles.attribution, "version": app.version}


def _add_read_routes(app: FastAPI, access: svc.StoreAccess) -> None:
    from .. import analysis
    from ..store import EventQuery

    @app.get("/api/events", tags=["events"], response_model=None)
    def events(
        actor: str | None = Query(None, description="actor code, e.g. ISR or RUSGOV"),
        dyad: str | None = Query(None, description="two actor codes: ISR,IRN"),
        directed: bool = Query(False, description="dyad in this direction only"),
        since: str | None = Query(None, description="first day, YYYY-MM-DD"),
        until: str | None = Query(None, description="last day, YYYY-MM-DD"),
        cameo: str | None = Query(None, description="CAMEO code or prefix: 19, 190"),
        plover: str | None = Query(None, description="PLOVER category: ASSAULT"),
        quad: int | None = Query(None, ge=1, le=4, description="quad class 1-4"),
        place: str | None = Query(None, description="place name or country code"),
        q: str | None = Query(None, description="text search in the evidence sentence"),
        limit: int = Query(100, ge=1, le=_MAX_PAGE),
        after: str | None = Query(None, description="cursor: the `next` of the previous page"),
        format: Literal["json", "csv", "jsonl"] = "json",
    ) -> Any:
        """Stored events, filtered like ``casus events``; pages follow ``next``."""
        query = EventQuery(
            actor=svc.check_actor(actor),
            dyad=svc.parse_dyad(dyad),
            directed=directed,
            since=svc.parse_date(since, "since"),
            until=svc.parse_date(until, "until"),
            cameo=svc.check_cameo(cameo),
            plover=svc.check_plover(plover),
            quad=quad,
            place=svc.check_text(place, "place"),
            text=svc.check_text(q, "q"),
            limit=limit + 1,
            after=None if after in (None, "") else svc.check_event_id(str(after)),
        )
        found = access.read(lambda store: store.events(query))
        page, nxt = found[:limit], (found[limit - 1].event_id if len(found) > limit else None)
        headers = {"X-Next-Cursor": nxt} if nxt else {}
        if format == "csv":
            return Response(svc.events_csv(page), media_type="text/csv", headers=headers)
        if format == "jsonl":
            return Response(
                svc.events_jsonl(page), media_type="application/x-ndjson", headers=headers
            )
        names = access.read(lambda store: stored_labels(store, (e.article_id for e in page)))
        return {
            "events": [e.to_dict() for e in page],
            "count": len(page),
            "next": nxt,
            "labels": names,
        }

    @app.get("/api/events/{event_id}", tags=["events"])
    def event(event_id: str) -> dict[str, Any]:
        """One event with its evidence, its article and the article's coded spans."""
        svc.check_event_id(event_id)

        def load(store: Any) -> dict[str, Any] | None:
            rows = store.query("SELECT article_id FROM events WHERE event_id = ?", [event_id])
            found = _article_payload(store, str(rows[0]["article_id"])) if rows else None
            if found is None:
                return None
            match = [e for e in found["events"] if e["event_id"] == event_id]
            return {"event": match[0], **found} if match else None

        found = access.read(load)
        if found is None:
            raise ApiError(404, f"no event {event_id}", "not found")
        return found

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def article(article_id: str) -> dict[str, Any]:
        """An article's text with every coded span (sentences, triggers, actors, places)."""
        if len(article_id) > svc.MAX_TEXT:
            raise InputError("article id too long", where="article_id")
        found = access.read(lambda store: _article_payload(store, article_id))
        if found is None:
            raise ApiError(404, f"no article {article_id}", "not found")
        return found

    @app.get("/api/dyads", tags=["analysis"])
    def dyads(limit: int = Query(50, ge=1, le=500)) -> dict[str, Any]:
        """The actor pairs (country level) with most events, either direction."""
        rows = access.read(lambda store: store.dyad_counts(limit, with_self=False))
        return {"dyads": [r.to_dict() for r in rows]}

    @app.get("/api/dyads/{a}/{b}/series", tags=["analysis"])
    def series(
        a: str,
        b: str,
        since: str | None = None,
        until: str | None = None,
        by: Literal["day", "week", "month"] = "day",
        directed: bool = False,
        dedup: str = Query("none", pattern="^[a-z_]{1,20}$", description="see casus dyad"),
        fill: bool = Query(
            False,
            description="Also the empty periods between the first and last (or since/until), "
            f"with zeros: at most {analysis.MAX_FILL_PERIODS} periods, else 422.",
        ),
    ) -> dict[str, Any]:
        """Events per period between two actors, by quad class, with mean Goldstein. Only
        the periods with events, unless ``fill``."""
        ca, cb = svc.check_actor(a, "a") or "", svc.check_actor(b, "b") or ""
        d0, d1 = svc.parse_date(since, "since"), svc.parse_date(until, "until")
        rows = access.read(
            lambda store: analysis.dyad_series(
                store,
                ca,
                cb,
                since=d0,
                until=d1,
                by=by,
                directed=directed,
                dedup=dedup,
                fill=fill,
            )
        )
        return {"a": ca, "b": cb, "by": by, "series": [r.to_dict() for r in rows]}

    @app.get("/api/watch", tags=["analysis"])
    def watch(since: str | None = None, limit: int = Query(10, ge=1, le=100)) -> dict[str, Any]:
        """Dyads whose recent events moved most towards conflict."""
        d0 = svc.parse_date(since, "since")
        rows = access.read(lambda store: analysis.watch(store, since=d0, limit=limit))
        return {"watch": [r.to_dict() for r in rows]}

    @app.get("/api/mediation", tags=["analysis"])
    def mediation(since: str | None = None) -> dict[str, Any]:
        """Third parties offering or attempting mediation, with the pairs they address."""
        d0 = svc.parse_date(since, "since")
        rows = access.read(lambda store: analysis.mediation(store, since=d0))
        return {"mediation": [r.to_dict() for r in rows]}


def _article_payload(store: Any, article_id: str) -> dict[str, Any] | None:
    art: Article | None = store.article(article_id)
    return None if art is None else svc.coded_article(art)


def _depth(value: Any) -> int:
    """Nesting depth of parsed JSON, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


async def _read_body(request: Request, limit: int) -> Any:
    """The JSON body: ``application/json`` only (415: a cross-site form or ``text/plain``
    POST cannot send it without a preflight), at most ``limit`` bytes (413), JSON (422),
    nested at most ``_MAX_DEPTH`` deep (400)."""
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind != "application/json":
        raise ApiError(415, "send the body as Content-Type: application/json")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"body is larger than {limit} bytes", "request too large")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"body is larger than {limit} bytes", "request too large")
        chunks.append(chunk)
    try:
        body = json.loads(b"".join(chunks))
    except RecursionError:
        raise ApiError(400, f"body is nested more than {_MAX_DEPTH} deep") from None
    except (ValueError, UnicodeDecodeError) as err:
        raise ApiError(422, f"body is not JSON: {err}", "invalid request") from None
    if _depth(body) > _MAX_DEPTH:
        raise ApiError(400, f"body is nested more than {_MAX_DEPTH} deep")
    return body


def _articles_from(body: Any, settings: Settings, *, many: bool) -> list[Article]:
    from ..ingest import article_from_record

    records = body if many and isinstance(body, list) else [body]
    if not records:
        raise InputError("no articles in the body", where="body")
    out = []
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            raise InputError("an article is a JSON object {id, text, ...}", where=f"body[{i}]")
        out.append(article_from_record(record, origin="api", settings=settings))
    return out


_ARTICLE_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": ArticleIn.model_json_schema()}},
    }
}


def _check_token(request: Request, settings: Settings) -> None:
    given = request.headers.get("authorization", "")
    expected = f"Bearer {settings.token}"
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise ApiError(401, "send Authorization: Bearer <CASUS_TOKEN>")


def _add_write_routes(
    app: FastAPI,
    settings: Settings,
    access: svc.StoreAccess,
    holder: svc.CoderHolder,
    allow_ingest: bool,
    allow_code: bool,
) -> None:
    timeout = settings.api_timeout_seconds

    async def run_coder(articles: list[Article]) -> list[Article | CodingError]:
        if holder.state in ("loading", "failed"):
            raise ApiError(503, f"the coder is {holder.state}: see /api/health", "unavailable")
        cancel = threading.Event()
        future = holder.submit(articles, cancel)
        if future is None:
            raise ApiError(503, "the coder is busy: try again in a moment", "busy")
        try:
            done: list[Article | CodingError] = await asyncio.wait_for(
                asyncio.wrap_future(future), timeout=timeout
            )
            return done
        except TimeoutError:
            cancel.set()  # a queued job never starts; a running one stops at its next article
            future.cancel()
            raise ApiError(504, f"coding took longer than {timeout:g} s", "timeout") from None

    @app.post("/api/code", tags=["coding"], openapi_extra=_ARTICLE_BODY)
    async def code(request: Request) -> dict[str, Any]:
        """Code one posted article (CONTRACT input JSON) without storing it. Off unless the
        server was started with ``--allow-code``; needs the token when ``CASUS_TOKEN`` is set."""
        if not allow_code:
            raise ApiError(403, "coding is off: start the server with casus serve --allow-code")
        if settings.token:
            _check_token(request, settings)
        limit = min(settings.api_code_max_bytes, settings.api_max_body_bytes)
        body = await _read_body(request, limit)
        articles = _articles_from(body, settings, many=False)
        result = (await run_coder(articles))[0]
        if isinstance(result, CasusError):
            raise ApiError(422, f"{articles[0].id}: the article could not be coded")
        return svc.coded_article(result)

    @app.post("/api/ingest", tags=["coding"], openapi_extra=_ARTICLE_BODY)
    async def ingest(request: Request) -> dict[str, Any]:
        """Code and store one article or a JSON list of them. Off unless the server was started
        with ``--allow-ingest``; then needs ``Authorization: Bearer $CASUS_TOKEN``."""
        if not allow_ingest:
            raise ApiError(403, "ingest is off: start the server with casus serve --allow-ingest")
        _check_token(request, settings)
        body = await _read_body(request, settings.api_max_body_bytes)
        results = await run_coder(_articles_from(body, settings, many=True))
        coded = [a for a in results if isinstance(a, Article)]
        failed = [str(e.where) for e in results if isinstance(e, CasusError)]

        def write(store: Any) -> int:
            return int(store.write(coded))

        if coded:
            await asyncio.to_thread(access.write, write)
        answer: dict[str, Any] = {
            "stored": [a.id for a in coded],
            "events": sum(len(a.events) for a in coded),
        }
        if failed:
            answer["failed"] = failed
        return answer


def run(app: FastAPI, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve ``app`` with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def serve(
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    allow_ingest: bool = False,
    allow_code: bool = False,
    tiles: str = DEFAULT_TILES,
) -> None:
    """Build the app and run it (``casus serve``)."""
    app = create_app(
        settings, allow_ingest=allow_ingest, allow_code=allow_code, host=host, tiles=tiles
    )
    run(app, host=host, port=port)
