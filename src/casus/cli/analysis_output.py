"""Rendering of the analysis commands (issue #6): rich tables for people, CSV and JSON Lines
for machines. ``casus.cli.analysis`` keeps only the Typer wiring."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import IO, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..analysis import Incident, MediationItem, SeriesRow, WatchItem
from ..analysis.sql import check_choice, country_name, sparkline
from .output import out_console

__all__ = ["print_incidents", "print_mediation", "print_series", "print_watch"]

_QUAD_STYLE = ("green", "cyan", "yellow", "red")
_BAR_WIDTH = 20


def _console(stream: IO[str]) -> Console:
    """A console on ``stream``: off a terminal as wide as the content (or ``COLUMNS``)."""
    return out_console(stream)


def _machine(rows: Sequence[dict[str, Any]], fmt: str, stream: IO[str]) -> None:
    if fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    if not rows:
        return
    flat = [
        {k: ";".join(map(str, v)) if isinstance(v, list) else v for k, v in r.items()} for r in rows
    ]
    writer = csv.DictWriter(stream, fieldnames=list(flat[0]), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(flat)


def _mix(quads: Sequence[int]) -> Text:
    text = Text()
    for ch, style in zip(sparkline(list(quads)), _QUAD_STYLE, strict=True):
        text.append(ch, style=style)
    return text


def print_series(
    rows: Sequence[SeriesRow],
    fmt: str,
    stream: IO[str],
    *,
    title: str,
) -> None:
    """A dyad series: table (with a quad-mix sparkline and a volume bar per row), csv, jsonl."""
    check_choice(fmt, ("table", "csv", "jsonl"), "--format")
    if fmt != "table":
        _machine([r.to_dict() for r in rows], fmt, stream)
        return
    console = _console(stream)
    if not rows:
        console.print("no events for this dyad")
        return
    top = max(r.events for r in rows) or 1
    table = Table(title=title, header_style="bold")
    for name, justify in [
        ("period", "left"),
        ("events", "right"),
        ("v.coop", "right"),
        ("m.coop", "right"),
        ("v.confl", "right"),
        ("m.confl", "right"),
        ("gold. Σ", "right"),
        ("gold. μ", "right"),
        ("incid.", "right"),
        ("reports", "right"),
        ("mix", "left"),
        ("volume", "left"),
    ]:
        table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for r in rows:
        bar = "█" * round(r.events / top * _BAR_WIDTH) if r.events else ""
        table.add_row(
            r.period.isoformat(),
            str(r.events),
            *(str(q) for q in r.quads),
            f"{r.goldstein_sum:.1f}",
            "-" if r.goldstein_mean is None else f"{r.goldstein_mean:.2f}",
            str(r.incidents),
            str(r.reports),
            _mix(r.quads),
            Text(bar, style="red" if r.material_conflict * 2 > r.events else "blue"),
        )
    console.print(table)
    console.print(
        "mix: verbal coop, material coop, verbal conflict, material conflict", style="dim"
    )


def _pair(a: str, b: str) -> str:
    return f"{a}–{b} ({country_name(a)} – {country_name(b)})"


def _incident_line(inc: Incident) -> str:
    where = f" in {inc.place_name}" if inc.place_name else ""
    day = inc.date.isoformat() if inc.date else "undated"
    return (
        f"{day} {inc.source}→{inc.target} root {inc.cameo_root}{where}: "
        f"{inc.n_reports} report(s), {inc.n_articles} article(s)"
    )


def print_watch(items: Sequence[WatchItem], fmt: str, stream: IO[str]) -> None:
    """Dyads by escalation index, each with its top incidents and evidence."""
    check_choice(fmt, ("table", "jsonl"), "--format")
    if fmt == "jsonl":
        _machine([i.to_dict() for i in items], fmt, stream)
        return
    console = _console(stream)
    if not items:
        console.print("no dyad escalated (see --since, --min-count, --min-index)")
        return
    for rank, it in enumerate(items, 1):
        base = (
            f"baseline {it.baseline_share:.0%} over {it.baseline_events} events"
            if it.baseline_events
            else f"prior {it.baseline_share:.0%} (no events before)"
        )
        line = Text(f"{rank}. {_pair(it.a, it.b)}", style="bold")
        line.append(f"  index {it.index:+.2f}  ", style="bold red" if it.index > 0 else "bold")
        line.append(
            f"period from {it.period}: "
            f"{it.material_conflict}/{it.events} material conflict ({it.share:.0%}) vs {base}"
        )
        console.print(line)
        for inc in it.top_incidents:
            console.print("   • " + _incident_line(inc), markup=False, highlight=False)
            for ev in inc.evidence:
                console.print(
                    f'     "{ev.sentence}" [{ev.article_id}]',
                    style="dim",
                    markup=False,
                    highlight=False,
                )


def print_mediation(items: Sequence[MediationItem], fmt: str, stream: IO[str]) -> None:
    """Mediation events: third party, role, parties, date, evidence."""
    check_choice(fmt, ("table", "csv", "jsonl"), "--format")
    if fmt != "table":
        _machine([i.to_dict() for i in items], fmt, stream)
        return
    console = _console(stream)
    if not items:
        console.print("no mediation events")
        return
    table = Table(title=f"{len(items)} mediation events", header_style="bold", show_lines=True)
    for name in ("date", "third party", "role", "between", "cameo", "evidence", "article"):
        table.add_column(name, overflow="fold")
    for it in items:
        third = it.third_party or "?"
        if it.third_party_name and it.third_party_name != third:
            third = f"{third} ({it.third_party_name})"
        between = " – ".join(it.parties) if it.parties else "?"
        if it.parties_from not in ("target", "none"):
            between += f" ({it.parties_from})"
        table.add_row(
            it.date.isoformat() if it.date else "-",
            third,
            it.role,
            between,
            it.cameo,
            it.sentence,
            it.article_id,
        )
    console.print(table)


def print_incidents(items: Sequence[Incident], fmt: str, stream: IO[str]) -> None:
    """Incidents with their report counts and first evidence sentence."""
    check_choice(fmt, ("table", "csv", "jsonl"), "--format")
    if fmt != "table":
        rows = [i.to_dict() for i in items]
        if fmt == "csv":
            for r in rows:
                r["evidence"] = " | ".join(e["sentence"] for e in r["evidence"])
        _machine(rows, fmt, stream)
        return
    console = _console(stream)
    if not items:
        console.print("no incidents")
        return
    table = Table(title=f"{len(items)} incidents", header_style="bold")
    for name in ("date", "source", "target", "root", "place", "reports", "articles", "evidence"):
        table.add_column(name, overflow="fold")
    for inc in items:
        table.add_row(
            inc.date.isoformat() if inc.date else "-",
            inc.source or "?",
            inc.target or "?",
            inc.cameo_root,
            inc.place_name or "-",
            str(inc.n_reports),
            str(inc.n_articles),
            inc.evidence[0].sentence if inc.evidence else "",
        )
    console.print(table)
