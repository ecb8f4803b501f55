"""The trend report's two pictures, drawn with matplotlib (Agg, imported lazily).

* :func:`heatmap_figure`: themes × reports (each with its year), the count of findings in
  every cell;
* :func:`flow_figure`: how the first report's findings fared by the last report
  (persisted, evolved, dropped) and where the last report's came from (persisted,
  evolved, new), as bands between two stacked bars.

:func:`write_plots` saves both as PNG or SVG; :func:`heatmap_svg` / :func:`flow_svg` give
SVG text for a page (embed with :func:`data_uri`).
"""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import InputError
from graph.views.labels import word

if TYPE_CHECKING:
    from graph.views.trends import TrendReport

#: Status -> colour, shared with the view page.
STATUS_COLOURS = {"persisted": "#2e7d32", "evolved": "#00838f", "dropped": "#9e9e9e",
                  "new": "#f9a825"}
#: Status -> the badge the view draws before a label.
STATUS_BADGES = {"persisted": "=", "evolved": "≈", "dropped": "×", "new": "★"}
PLOT_SUFFIXES = (".png", ".svg")


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "fynd"  # the same input gives the same SVG
    return plt


def heatmap_figure(report: TrendReport, lang: str) -> Any | None:
    """Themes × reports with the counts in the cells; ``None`` without themes."""
    if not report.theme_counts:
        return None
    plt = _pyplot()
    ids = [r for r, _ in report.reports]
    themes = sorted(report.theme_counts, key=lambda t: (-sum(report.theme_counts[t].values()),
                                                        report.theme_labels.get(t, t)))
    grid = [[report.theme_counts[t].get(r, 0) for r in ids] for t in themes]
    fig, ax = plt.subplots(figsize=(max(6.4, 3.2 + 1.0 * len(ids)), 1.2 + 0.42 * len(themes)))
    ax.imshow(grid, cmap="Blues", aspect="auto", vmin=0)
    top = max(max(row) for row in grid) or 1
    for i, row in enumerate(grid):
        for j, n in enumerate(row):
            ax.text(j, i, str(n), ha="center", va="center", fontsize=9,
                    color="white" if n > top * 0.6 else "#222")
    ax.set_xticks(range(len(ids)), [f"{r}\n{y}" for r, y in report.reports])
    ax.set_yticks(range(len(themes)), [report.theme_labels.get(t, t) for t in themes])
    ax.tick_params(length=0)
    ax.set_title(f"{word('heatmap_title', lang)}: {word('types:' + report.type, lang)}",
                 fontsize=11, loc="left")
    fig.tight_layout()
    return fig


def _flow_counts(report: TrendReport) -> tuple[dict[str, int], dict[str, int]] | None:
    if len(report.reports) < 2:
        return None
    first, last = report.reports[0][0], report.reports[-1][0]
    left = {s: 0 for s in ("persisted", "evolved", "dropped")}
    right = {s: 0 for s in ("persisted", "evolved", "new")}
    for e in report.findings:
        if e.report == first and e.status in left:
            left[e.status] += 1
        if e.report == last:
            right["new" if not e.kind else e.status if e.status in right else "evolved"] += 1
    return (left, right) if sum(left.values()) or sum(right.values()) else None


def flow_figure(report: TrendReport, lang: str) -> Any | None:
    """The first report's findings by status, flowing into the last report's by origin;
    ``None`` with fewer than two reports."""
    counts = _flow_counts(report)
    if counts is None:
        return None
    left, right = counts
    plt = _pyplot()
    from matplotlib.patches import Polygon, Rectangle

    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    total = max(sum(left.values()), sum(right.values()), 1)
    gap = total * 0.04
    bar = 0.12

    def stack(side: dict[str, int]) -> dict[str, tuple[float, float]]:
        y, spans = 0.0, {}
        for status, n in side.items():
            spans[status] = (y, y + n)
            y += n + (gap if n else 0)
        return spans

    ls, rs = stack(left), stack(right)
    for x, spans in ((0.0, ls), (1.0 - bar, rs)):
        for status, (y0, y1) in spans.items():
            if y1 > y0:
                ax.add_patch(Rectangle((x, y0), bar, y1 - y0, color=STATUS_COLOURS[status]))
                label = f"{word('status:' + status, lang)} {int(y1 - y0)}"
                ax.text(x - 0.02 if x == 0 else x + bar + 0.02, (y0 + y1) / 2, label,
                        ha="right" if x == 0 else "left", va="center", fontsize=9)
    for status in ("persisted", "evolved"):
        (a0, a1), (b0, b1) = ls[status], rs[status]
        if a1 > a0 and b1 > b0:
            ax.add_patch(Polygon([(bar, a0), (1 - bar, b0), (1 - bar, b1), (bar, a1)],
                                 closed=True, alpha=0.35, color=STATUS_COLOURS[status]))
    first, last = report.reports[0], report.reports[-1]
    top = max(max(y1 for _, y1 in ls.values()), max(y1 for _, y1 in rs.values()))
    ax.text(bar / 2, -gap, f"{first[0]} ({first[1]})\n{word('flow_first', lang)}",
            ha="center", va="bottom", fontsize=9)
    ax.text(1 - bar / 2, -gap, f"{last[0]} ({last[1]})\n{word('flow_last', lang)}",
            ha="center", va="bottom", fontsize=9)
    ax.set_xlim(-0.35, 1.35)
    ax.set_ylim(top + gap, -gap * 7)
    ax.axis("off")
    ax.set_title(f"{word('flow_title', lang)}: {word('types:' + report.type, lang)}",
                 fontsize=11, loc="left")
    fig.tight_layout()
    return fig


def _svg(fig: Any) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    _pyplot().close(fig)
    return buffer.getvalue()


def heatmap_svg(report: TrendReport, lang: str) -> str | None:
    """The heatmap as SVG text, or ``None``."""
    fig = heatmap_figure(report, lang)
    return None if fig is None else _svg(fig)


def flow_svg(report: TrendReport, lang: str) -> str | None:
    """The status flow as SVG text, or ``None``."""
    fig = flow_figure(report, lang)
    return None if fig is None else _svg(fig)


def data_uri(svg: str) -> str:
    """SVG text as a ``data:`` URI for an ``<img>`` (nothing in it runs there).

    >>> data_uri("<svg/>")
    'data:image/svg+xml;base64,PHN2Zy8+'
    """
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def write_plots(report: TrendReport, path: str | Path, lang: str = "en") -> list[Path]:
    """Save the heatmap and the flow as ``STEM-themes.SUFFIX`` and ``STEM-flow.SUFFIX``
    beside *path* (``.png`` or ``.svg``); return the files written.

    Raises
    ------
    InputError
        For another suffix, or a directory that cannot be written.
    """
    target = Path(path)
    if target.suffix.lower() not in PLOT_SUFFIXES:
        raise InputError(f"--plot must end in .png or .svg, not {target.name!r}")
    written = []
    for name, make in (("themes", heatmap_figure), ("flow", flow_figure)):
        fig = make(report, lang)
        if fig is None:
            continue
        out = target.with_name(f"{target.stem}-{name}{target.suffix.lower()}")
        try:
            fig.savefig(out, dpi=150, metadata={"Date": None} if out.suffix == ".svg" else None)
        except OSError as exc:
            raise InputError(f"cannot write {out}: {exc.strerror}") from None
        finally:
            _pyplot().close(fig)
        written.append(out)
    return written
