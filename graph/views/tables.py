"""The one table renderer: aligned text, JSON, CSV, Markdown and HTML, each safe for
where it goes.

Every table fynd prints (``fynd findings``, ``query``, ``evaluate``, the trend report)
goes through :func:`render`.  Cells are data, never markup or formulas:

* **CSV**: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return gets a leading ``'`` (OWASP's defence against formula injection), so a
  spreadsheet shows it as text;
* **Markdown**: ``\\ | ` * _ [`` are backslash-escaped, ``<`` and ``>`` become
  ``&lt;`` and ``&gt;`` (and an ``&`` that would start an entity ``&amp;``), and line
  breaks become spaces, so a cell is one cell, holds no tag and shows as written;
* **HTML**: every cell and header is escaped.

>>> rows = [{"type": "risk", "label": "Omsättning | personal"}]
>>> print(render(rows, "md"))
| type | label |
| --- | --- |
| risk | Omsättning \\| personal |
>>> print(render([{"label": '=HYPERLINK("http://x","y")'}], "csv").strip())
label
"'=HYPERLINK(""http://x"",""y"")"
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from graph.errors import InputError

#: What ``--format`` offers for rows.
ROW_FORMATS = ("table", "json", "csv", "md")
#: Everything :func:`render` writes.
FORMATS = (*ROW_FORMATS, "html")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MD_SPECIAL = re.compile(r"([\\|`*_\[])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def csv_cell(value: Any) -> str:
    """A cell as CSV text that no spreadsheet runs as a formula.

    >>> csv_cell("=1+1"), csv_cell("-3"), csv_cell("plain"), csv_cell(2.5)
    ("'=1+1", "'-3", 'plain', '2.5')
    """
    text = _cell(value)
    text = "'" + text if text.startswith(_FORMULA_START) else text
    # a lone CR would end the record for some readers: make it a (quoted) line break
    return text.replace("\r\n", "\n").replace("\r", "\n")


def md_cell(value: Any) -> str:
    """A cell as Markdown that shows exactly its text, on one line.

    >>> print(md_cell("<script>*a*_b_ [x](y) `c` | d &lt;"))
    &lt;script&gt;\\*a\\*\\_b\\_ \\[x](y) \\`c\\` \\| d &amp;lt;
    """
    text = " ".join(_cell(value).splitlines())
    text = _MD_SPECIAL.sub(r"\\\1", _MD_ENTITY.sub("&amp;", text))
    return text.replace("<", "&lt;").replace(">", "&gt;")


def render(rows: Sequence[Mapping[str, Any]], fmt: str = "table", *,
           columns: Sequence[str] | None = None, headers: Sequence[str] | None = None,
           width: int | None = 60, wrap: int | None = None) -> str:
    """Render *rows* (dicts sharing keys) in *fmt*: table, json, csv, md or html.

    Parameters
    ----------
    rows
        The records; the first row's keys give the columns unless *columns* is given.
    fmt
        ``table`` (aligned), ``json`` (all fields, whole), ``csv``, ``md`` or ``html``
        (a ``<table>`` element; cells whole).
    columns
        The columns to show in table, csv, md and html (json always has every field).
    headers
        Header texts for *columns* (default: the column names).
    width
        In ``table``, cut longer cells to this many characters (``None``: keep them).
    wrap
        In ``table``, wrap the last column at this many characters under itself instead
        of cutting it.

    Returns
    -------
    str

    Raises
    ------
    InputError
        For an unknown format.

    Examples
    --------
    >>> rows = [{"a": "x", "b": "one two three"}]
    >>> print(render(rows, "table", wrap=7))
    a  b
    -  -------
    x  one two
       three
    >>> render(rows, "html", headers=["A", "B <b>"]).splitlines()[1]
    '<tr><th>A</th><th>B &lt;b&gt;</th></tr>'
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(ROW_FORMATS)}")
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2)
    cols = list(columns or (rows[0].keys() if rows else []))
    names = list(headers or cols)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([csv_cell(c) for c in names])
        for row in rows:
            writer.writerow([csv_cell(row.get(c)) for c in cols])
        return out.getvalue()
    if fmt == "md":
        lines = ["| " + " | ".join(md_cell(c) for c in names) + " |",
                 "| " + " | ".join("---" for _ in cols) + " |"]
        for row in rows:
            lines.append("| " + " | ".join(md_cell(row.get(c)) for c in cols) + " |")
        return "\n".join(lines)
    if fmt == "html":
        esc = html.escape
        lines = ["<table>", "<tr>" + "".join(f"<th>{esc(c)}</th>" for c in names) + "</tr>"]
        lines += ["<tr>" + "".join(f"<td>{esc(_cell(row.get(c)))}</td>" for c in cols)
                  + "</tr>" for row in rows]
        return "\n".join([*lines, "</table>"])
    return _table(rows, cols, names, None if wrap else width, wrap)


def _table(rows: Sequence[Mapping[str, Any]], cols: list[str], names: list[str],
           width: int | None, wrap: int | None) -> str:
    def cut(text: str) -> str:
        text = " ".join(text.split())
        return text if width is None or len(text) <= width else text[: width - 1] + "…"

    body = [[cut(_cell(row.get(c))) for c in cols] for row in rows]
    if wrap:
        wrapped = [textwrap.wrap(r[-1], wrap, break_on_hyphens=False) or [""] for r in body]
        last = max([len(names[-1])] + [len(x) for w in wrapped for x in w])
    widths = [max([len(c)] + [len(r[i]) for r in body]) for i, c in enumerate(names)]
    if wrap:
        widths[-1] = last
    lines = ["  ".join(c.ljust(w) for c, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for n, r in enumerate(body):
        if not wrap:
            lines.append("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip())
            continue
        head = "  ".join(v.ljust(w) for v, w in zip(r[:-1], widths))
        pad = " " * (len(head) + 2) if len(r) > 1 else ""
        first, *more = wrapped[n]
        lines.append(((head + "  " if len(r) > 1 else "") + first).rstrip())
        lines += [pad + x for x in more]
    return "\n".join(lines)
