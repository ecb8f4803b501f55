"""Benchmark: writing the ``fynd view`` page and opening it in Chromium.

Run: python benchmarks/bench_view.py [--store .fynd/store] [--findings 20000] [--out DIR]

For the shipped corpus (the built store) and a synthetic graph of N findings (10
reports, a persists/evolves chain between neighbouring reports, themes from the scheme),
times writing the HTML (data, layout and page; the shipped page also draws its two
pictures) and opening it in Debian's Chromium until vis-network has drawn it, and prints
a table.  Targets: 20,000 findings written in <= 1 s, opened and drawn in <= 3 s.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

WORDS = ["samverkan", "rutiner", "tid", "tålamod", "barn", "familjer", "mötesplatser", "information", "politik", "styrgrupp", "kompetens", "uppföljning", "lärdomar", "piloter", "delaktighet", "vårdnadshavare", "region", "kommun", "skola", "elevhälsa", "socialtjänst", "dokumentation"]
TYPES = ("recommendation", "proposal", "risk", "success-factor")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def synthetic(findings: int, reports: int = 10, seed: int = 1):  # type: ignore[no-untyped-def]
    """Rows, lineage, themes and reports of a synthetic graph."""
    from graph.analysis.lineage import Lineage, Link, Node
    from graph.analysis.themes import load_themes
    from graph.rdf.read import FindingRow
    from graph.views.view_data import ReportInfo

    rnd = random.Random(seed)
    scheme = [t.iri for t in load_themes()]
    per = findings // reports
    rows, nodes, themes = [], {}, {}
    for r in range(reports):
        for i in range(per):
            doc, key = f"s{r}-full", f"{TYPES[i % 4]}-{i}"
            iri = f"https://w3id.org/fynd/id/finding/{doc}/{key}"
            label = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(4, 14))).capitalize()
            quote = label + ". " + " ".join(rnd.choice(WORDS) for _ in range(25))
            rows.append(FindingRow(iri, f"s{r}", doc, 2010 + r, TYPES[i % 4], label, "Avsnitt",
                                   i + 1, quote, i * 300, i * 300 + len(quote), "list", 1.0,
                                   None, 1, r + 1, ((i * 300, i * 300 + len(quote), quote),)))
            nodes[iri] = Node(iri, f"s{r}", r + 1, 2010 + r, TYPES[i % 4], label)
            themes[iri] = rnd.sample(scheme, rnd.randint(0, 2))
    links, status = [], {}
    for n, row in enumerate(rows):
        if n + per < len(rows) and rnd.random() < 0.5:
            links.append(Link(row.iri, rows[n + per].iri, rnd.choice(("persists", "evolves")),
                              round(rnd.random(), 2)))
        status[row.iri] = rnd.choice(("persisted", "evolved", "dropped", "new"))
    lineage = Lineage(nodes, links, status, {r.iri: r.report for r in rows}, [], [])
    reports_ = [ReportInfo(f"s{r}", f"Rapport {r}", str(2010 + r), 2010 + r, r + 1)
                for r in range(reports)]
    return rows, lineage, themes, reports_


def synthetic_page(findings: int, out: Path) -> tuple[Path, int]:
    """Write the page of a synthetic graph; return its path and the findings count."""
    from graph.analysis.themes import load_themes
    from graph.views.view_data import view_data
    from graph.views.view_page import render_view

    rows, lineage, themes, reports = synthetic(findings)
    labels = {t.iri: t.label("en") for t in load_themes()}
    out.write_text(render_view(view_data(rows, lineage, themes, reports, labels), "en"),
                   encoding="utf-8")
    return out, len(rows)


@contextmanager
def offline_page(path: Path, timeout_ms: float = 30000) -> Iterator[tuple[Any, float]]:
    """Open the page at *path* in Debian's Chromium with every non-file:// request
    aborted; yield the Playwright page once vis-network has drawn it, and the seconds
    from navigation until then."""
    from playwright.sync_api import sync_playwright

    chromium = next(p for p in ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
                    if Path(p).exists())
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
                   else r.abort())
        start = time.perf_counter()
        page.goto(path.resolve().as_uri())
        page.wait_for_function("window.fynd && window.fynd.drawn", timeout=timeout_ms)
        yield page, time.perf_counter() - start
        browser.close()


def open_and_draw(path: Path) -> float:
    """Seconds from navigation until vis-network has drawn the page (Chromium, offline)."""
    with offline_page(path, timeout_ms=60000) as (_, took):
        return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--findings", type=int, default=20000)
    parser.add_argument("--out", type=Path, default=Path(tempfile.mkdtemp()))
    args = parser.parse_args()

    from graph.analysis.themes import load_themes
    from graph.rdf.store import open_store
    from graph.views.view_data import view_data
    from graph.views.view_page import make_view, render_view

    rows_out = []
    store = open_store(args.store)
    shipped = args.out / "shipped.html"
    for name in ("shipped (cold)", "shipped (warm)"):  # cold: imports pyvis, matplotlib
        start, cpu = time.perf_counter(), time.process_time()
        page = make_view(store)
        shipped.write_text(page, encoding="utf-8")
        write, cpu = time.perf_counter() - start, time.process_time() - cpu
        rows_out.append((name, page.count('"quotes":'), write, cpu, shipped.stat().st_size,
                         open_and_draw(shipped)))

    rows, lineage, themes, reports = synthetic(args.findings)
    labels = {t.iri: t.label("en") for t in load_themes()}
    render_view(view_data(rows[:10], lineage, themes, reports, labels), "en")  # warm imports
    start, cpu = time.perf_counter(), time.process_time()
    big = args.out / f"synthetic-{args.findings}.html"
    big.write_text(render_view(view_data(rows, lineage, themes, reports, labels), "en"),
                   encoding="utf-8")
    write, cpu = time.perf_counter() - start, time.process_time() - cpu
    rows_out.append((f"synthetic {args.findings:,}", len(rows), write, cpu,
                     big.stat().st_size, open_and_draw(big)))

    print(f"{'graph':<20} {'findings':>9} {'write s':>8} {'(cpu s)':>8} {'HTML MB':>8} "
          f"{'open+draw s':>12}")
    for name, n, w, c, size, draw in rows_out:
        print(f"{name:<20} {n:>9,} {w:>8.2f} {c:>8.2f} {size / 1e6:>8.2f} {draw:>12.2f}")
    print(f"pages in {args.out}")


if __name__ == "__main__":
    main()
