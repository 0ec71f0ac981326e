"""Map tiles of the dashboard (issue #14): none by default, so nothing is fetched from outside;
``casus serve --tiles URL`` names a tile server, which the page's CSP then allows."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from casus.api import create_app
from casus.api.service import tile_source
from casus.errors import ConfigError
from casus.settings import Settings
from tests._builders.api import seed_store


def client(db: Path, **kw: str) -> TestClient:
    seed_store(db)
    return TestClient(create_app(Settings.load(db=db), **kw), base_url="http://127.0.0.1")


def test_tiles_default_is_outlines_only(tmp_db: Path) -> None:
    c = client(tmp_db)
    assert c.get("/api/config").json()["tiles"] is None
    csp = c.get("/").headers["content-security-policy"]
    assert "img-src 'self' data:;" in csp  # no image from any other host


def test_tiles_option_sets_url_attribution_and_csp(tmp_db: Path) -> None:
    c = client(tmp_db, tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    config = c.get("/api/config").json()
    assert config["tiles"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert "OpenStreetMap" in config["attribution"]
    assert (
        "img-src 'self' data: https://tile.openstreetmap.org;"
        in c.get("/").headers["content-security-policy"]
    )


def test_tiles_source_forms() -> None:
    assert tile_source("none").url is None and tile_source("").url is None
    sub = tile_source("https://{s}.tiles.example.org:8443/{z}/{x}/{y}.png")
    assert sub.origin == "https://*.tiles.example.org:8443" and sub.attribution == ""
    for bad in (
        "ftp://x.org/{z}/{x}/{y}",
        "https://x.org/tile.png",
        "https://x.org/{z}/{x}/{y}' *",
    ):
        with pytest.raises(ConfigError):
            tile_source(bad)
