"""``fynd view`` in a real browser: Debian's Chromium driven by Playwright.

Every request that is not ``file://`` is aborted (and recorded), so a page that needs
the network fails here.  Skipped only when no Chromium binary is installed (``.ci/run``
installs one); ``playwright install`` is never used.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.cli import app
from tests.hostile_graph import XSS

CHROMIUM = next((p for p in (Path("/usr/lib/chromium/chromium"), Path("/usr/bin/chromium"))
                 if p.exists()), None)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium at /usr/bin/chromium or /usr/lib/chromium/chromium "
    "(apt-get install chromium; .ci/run does)")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


class Opened:
    """A page opened offline, with everything that went wrong on it."""

    def __init__(self, browser, path: Path) -> None:
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error"
                     else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.fynd && window.fynd.ready", timeout=15000)

    def _route(self, route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def click_node(self, node_id: str) -> None:
        """Bring the node to the middle of the graph, then click where it is drawn."""
        where = self.js(f"""(() => {{
            const id = {json.dumps(node_id)};
            network.moveTo({{position: network.getPositions([id])[id], scale: 1,
                            animation: false}});
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            const box = document.getElementById("mynetwork").getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }})()""")
        self.page.mouse.click(where[0], where[1])


@pytest.fixture(scope="module")
def corpus(store_path, tmp_path_factory):
    """The shipped corpus's view page and what the graph holds."""
    from typer.testing import CliRunner

    from graph.analysis.lineage_rdf import read_lineage
    from graph.rdf.read import read_findings
    from graph.rdf.store import open_store

    out = tmp_path_factory.mktemp("browser") / "fynd-view.html"
    result = CliRunner().invoke(app, ["view", "--out", str(out), "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    store = open_store(store_path)
    rows = read_findings(store)
    lineage = read_lineage(store)
    del store
    return out, rows, lineage


@pytest.fixture
def opened(browser, corpus):
    page = Opened(browser, corpus[0])
    yield page
    page.page.close()


def test_the_page_loads_offline_with_no_error(opened, tmp_path):
    assert opened.errors == [] and opened.blocked == [] and opened.dialogs == []
    shot = tmp_path / "fynd-view.png"
    opened.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000


def test_drawn_nodes_are_the_findings_and_edges_the_links(opened, corpus):
    _, rows, lineage = corpus
    findings = [r for r in rows if not r.restates]
    drawn = opened.js("[network.body.data.nodes.length, network.body.data.edges.length]")
    iris = {r.iri for r in findings}
    links = [x for x in [*lineage.links, *lineage.within]
             if x.source in iris and x.target in iris]
    assert drawn == [len(findings), len(links)]
    assert opened.js("window.fynd.visibleCount()") == len(findings)


def test_each_report_is_one_column(opened, corpus):
    xs = opened.js("""(() => {
        const pos = network.getPositions(); const out = {};
        const data = JSON.parse(document.getElementById('fynd-data').textContent);
        for (const id in pos) {
          const r = data.findings[id].report; (out[r] = out[r] || []).push(pos[id].x);
        }
        return out; })()""")
    assert sorted(xs) == ["d1", "d2", "d3", "d4"]
    columns = [set(xs[r]) for r in ("d1", "d2", "d3", "d4")]
    assert all(len(c) == 1 for c in columns)
    firsts = [next(iter(c)) for c in columns]
    assert firsts == sorted(firsts) and len(set(firsts)) == 4


def test_the_first_view_shows_every_column(opened):
    inside = opened.js("""(() => {
        const box = document.getElementById('mynetwork').getBoundingClientRect();
        const pos = network.getPositions();
        return Object.keys(pos).every(id => {
          const p = network.canvasToDOM(pos[id]);
          return p.x >= 0 && p.x <= box.width && p.y >= 0 && p.y <= box.height; }); })()""")
    assert inside


def test_clicking_a_node_fills_the_panel_with_its_quote(opened, corpus):
    row = next(r for r in corpus[1] if r.iri.endswith("/d1-full/rec-3"))
    opened.click_node("d1-full/rec-3")
    panel = opened.js("document.getElementById('fynd-panel').textContent")
    assert row.quote in panel and row.label in panel
    assert "d1-full" in panel and "persist" in panel  # status and the link kind
    dimmed = opened.js("nodes.get().filter(n => n.color && n.color.background === '#e6e6e6')"
                       ".length")
    assert 0 < dimmed < len(corpus[1])
    opened.page.click("#fynd-reset")
    assert opened.js("nodes.get().filter(n => n.color.background === '#e6e6e6').length") == 0


def test_a_filter_and_the_search_change_the_visible_count(opened, corpus):
    findings = [r for r in corpus[1] if not r.restates]
    opened.page.select_option("#fynd-type", "risk")
    assert opened.js("window.fynd.visibleCount()") == sum(r.type == "risk" for r in findings)
    opened.page.click("#fynd-reset")
    assert opened.js("window.fynd.visibleCount()") == len(findings)
    opened.page.fill("#fynd-search", "tålamod")
    shown = opened.js("window.fynd.visibleCount()")
    assert 0 < shown < len(findings)
    assert str(shown) in opened.js("document.getElementById('fynd-count').textContent")


def test_the_pictures_tab_shows_both_pictures(opened):
    opened.page.click("#fynd-tab-pictures")
    sizes = opened.js("[...document.querySelectorAll('#fynd-pictures img')]"
                      ".map(i => i.naturalWidth)")
    assert len(sizes) == 2 and all(w > 100 for w in sizes)
    assert opened.js("document.getElementById('fynd-graph').hidden")


def test_a_label_with_markup_shows_as_text_and_runs_nothing(browser, hostile_store, tmp_path,
                                                           runner):
    out = tmp_path / "hostile.html"
    result = runner.invoke(app, ["view", "--out", str(out), "--store", str(hostile_store)])
    assert result.exit_code == 0, result.output
    opened = Opened(browser, out)
    try:
        opened.click_node("h1-full/rec-2")
        title = opened.js("document.getElementById('fynd-panel-label').textContent")
        assert title == XSS
        opened.page.fill("#fynd-search", "onerror")
        assert opened.js("window.fynd.visibleCount()") == 1
        opened.page.wait_for_timeout(200)
        assert opened.js("document.querySelectorAll('img[src=\"x\"], #fynd-panel script')"
                         ".length") == 0
        assert opened.dialogs == [] and opened.errors == [] and opened.blocked == []
        opened.page.screenshot(path=str(tmp_path / "hostile.png"))
    finally:
        opened.page.close()


def test_a_large_graph_opens_as_groups_that_expand(browser, tmp_path):
    from benchmarks.bench_view import synthetic_page

    page, findings = synthetic_page(2500, tmp_path / "big.html")
    opened = Opened(browser, page)
    try:
        groups = opened.js("network.body.data.nodes.length")
        assert 0 < groups < 200
        assert opened.js("window.fynd.visibleCount()") == groups
        opened.js("window.fynd.expand(nodes.getIds()[0])")
        assert opened.js("network.body.data.nodes.length") > groups
        assert f"{findings}" in opened.js("document.getElementById('fynd-count').textContent")
        assert opened.errors == [] and opened.blocked == []
    finally:
        opened.page.close()
