"""Rendering rows for people and programs: aligned text tables, JSON, CSV and Markdown.

>>> rows = [{"type": "risk", "label": "Omsättning | personal"}]
>>> print(render(rows, "md"))
| type | label |
| --- | --- |
| risk | Omsättning \\| personal |
>>> print(render(rows, "csv").strip())
type,label
risk,Omsättning | personal
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from graph.errors import InputError

ROW_FORMATS = ("table", "json", "csv", "md")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def render(rows: Sequence[Mapping[str, Any]], fmt: str = "table", *,
           columns: Sequence[str] | None = None, width: int = 60) -> str:
    """Render *rows* (dicts sharing keys) in *fmt*: table, json, csv or md.

    Parameters
    ----------
    rows
        The records; the first row's keys give the columns unless *columns* is given.
    fmt
        ``table`` (aligned, long cells cut to *width*), ``json`` (all fields, whole),
        ``csv`` or ``md`` (whole cells).
    columns
        The columns to show in table, csv and md (json always has every field).

    Raises
    ------
    InputError
        For an unknown format.
    """
    if fmt not in ROW_FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(ROW_FORMATS)}")
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2)
    cols = list(columns or (rows[0].keys() if rows else []))
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(cols)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in cols])
        return out.getvalue()
    if fmt == "md":
        lines = ["| " + " | ".join(cols) + " |", "| " + " | ".join("---" for _ in cols) + " |"]
        for row in rows:
            cells = [_cell(row.get(c)).replace("|", "\\|").replace("\n", " ") for c in cols]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)
    return _table(rows, cols, width)


def _table(rows: Sequence[Mapping[str, Any]], cols: list[str], width: int) -> str:
    def cut(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"

    body = [[cut(_cell(row.get(c))) for c in cols] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in body]) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in body]
    return "\n".join(lines)
