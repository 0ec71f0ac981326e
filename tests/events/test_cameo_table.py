"""The project's CAMEO 2.0 table (``src/casus/data/cameo.tsv``) agrees with the public
reference tables in ``../shared/reference``: every code and Goldstein value of the GDELT
table, and the PLOVER type of every code in the 2021 CAMEO-to-PLOVER table (with the type
names the PLOVER gold standard uses: REQUEST → DEMAND, ACCUSE → INVESTIGATE for 09 and
DISAPPROVE for 11, conventional force 19-20 → FIGHT)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casus.events import Lexicon


@pytest.fixture(scope="module")
def table() -> Lexicon:
    return Lexicon.load()


def _goldstein(shared: Path) -> dict[str, float]:
    rows = (shared / "reference" / "cameo-goldstein.tsv").read_text(encoding="utf-8").splitlines()
    out: dict[str, float] = {}
    for line in rows[1:]:
        if line.strip():
            code, value = line.strip().split("\t")
            out[code] = float(value)
    return out


def _renamed(kind: str, code: str, heading: str) -> str:
    if kind == "REQUEST":
        return "DEMAND"
    if kind == "ACCUSE":
        return "INVESTIGATE" if code.startswith("09") else "DISAPPROVE"
    if kind == "ASSAULT" and heading in ("19", "20"):
        return "FIGHT"
    return kind


def _plover(shared: Path) -> dict[str, str]:
    text = (shared / "reference" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    heading = ""
    for line in text.splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if not m:
            continue
        code, kind = m.groups()
        if len(code) == 2:
            heading = code
        out.setdefault(code, _renamed(kind, code, heading))
    return out


def test_events_cameo_table_has_every_reference_code(table: Lexicon, shared_dir: Path) -> None:
    reference = _goldstein(shared_dir)
    assert len(reference) > 300
    assert set(reference) - set(table.data.codes) == set()
    # Codes beyond the GDELT table are codebook codes the PLOVER table lists (1213, 1214).
    assert set(table.data.codes) - set(reference) <= set(_plover(shared_dir))


def test_events_cameo_table_goldstein_agrees(table: Lexicon, shared_dir: Path) -> None:
    reference = _goldstein(shared_dir)
    wrong = {
        code: (table.data.codes[code].goldstein, value)
        for code, value in reference.items()
        if code in table.data.codes and table.data.codes[code].goldstein != value
    }
    assert wrong == {}


def test_events_cameo_table_plover_agrees(table: Lexicon, shared_dir: Path) -> None:
    reference = _plover(shared_dir)
    assert len(reference) > 250
    wrong = {
        code: (table.data.codes[code].plover, kind)
        for code, kind in reference.items()
        if code in table.data.codes and table.data.codes[code].plover != kind
    }
    assert wrong == {}
    missing = set(reference) - set(table.data.codes)
    assert missing == set()


def test_events_cameo_table_statements_have_no_plover_type(table: Lexicon) -> None:
    assert all(c.plover is None for code, c in table.data.codes.items() if code[:2] == "01")
    assert all(c.plover == "DEMAND" for code, c in table.data.codes.items() if code[:2] == "02")


@pytest.mark.parametrize(
    ("root", "quad"),
    [("01", 1), ("05", 1), ("06", 2), ("08", 2), ("09", 3), ("13", 3), ("14", 4), ("20", 4)],
)
def test_events_cameo_table_quad_classes(table: Lexicon, root: str, quad: int) -> None:
    codes = [c for code, c in table.data.codes.items() if code[:2] == root]
    assert codes and all(c.quad == quad for c in codes)
