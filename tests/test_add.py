"""``fynd add``: a PDF made from a shipped text gives the text's findings; --dry-run
changes nothing on disk; a real add keeps the catalog's comments and order."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from graph.cli import app
from graph.extract import extract
from graph.ingest.catalog import load_catalog
from graph.ingest.read import read_text

from .conftest import REPORTS

fpdf = pytest.importorskip("fpdf", reason="fpdf2 makes the test PDF (pip install '.[test]')")
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _render(text: str, path: Path) -> None:
    if not FONT.is_file():
        pytest.skip("no DejaVu font (apt-get install fonts-dejavu-core)")
    doc = fpdf.FPDF()
    doc.add_font("DejaVu", fname=str(FONT))
    doc.set_font("DejaVu", size=7)
    doc.add_page()
    for line in text.split("\n"):
        doc.cell(0, 3.5, line.rstrip(), new_x="LMARGIN", new_y="NEXT")
    doc.output(str(path))


def _digest(directory: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(directory.rglob("*")):
        if p.is_file():
            h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


def test_pdf_of_a_shipped_text_gives_the_texts_findings(tmp_path):
    text = (REPORTS / "d4-short.txt").read_text(encoding="utf-8")
    pdf = tmp_path / "d4-short.pdf"
    _render(text, pdf)
    from_pdf = [(f.type, f.label) for f in extract(read_text(pdf), "d")]
    from_text = [(f.type, f.label) for f in extract(text, "d")]
    assert len(from_text) >= 8
    assert from_pdf == from_text


@pytest.fixture
def small_reports(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(REPORTS / "d3-short.txt", reports)
    (reports / "catalog.toml").write_text(
        "# my series\n[[report]]\nid = \"d3\"  # kept\ntitle = \"Delrapport 3\"\n"
        "issued = 2025-02-14\nseries = 1\n\n[[document]]\nfile = \"d3-short.txt\"\n"
        "report = \"d3\"\nversion = \"short\"\nlanguage = \"sv\"\n", encoding="utf-8")
    return reports


def test_add_dry_run_shows_findings_and_changes_nothing(runner, small_reports, tmp_path):
    pdf = tmp_path / "d4-short.pdf"
    _render((REPORTS / "d4-short.txt").read_text(encoding="utf-8"), pdf)
    before = _digest(tmp_path)
    result = runner.invoke(app, ["add", str(pdf), "--report", "d4", "--title", "Avslutande",
                                 "--issued", "2025", "--reports", str(small_reports),
                                 "--dry-run", "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    assert "Dry run: nothing was changed." in result.output
    assert "recommendation" in result.output and "Lineage candidates" in result.output
    assert _digest(tmp_path) == before


def test_add_copies_lists_and_builds_keeping_comments(runner, small_reports, tmp_path):
    txt = tmp_path / "d4-short.txt"
    shutil.copy(REPORTS / "d4-short.txt", txt)
    result = runner.invoke(app, ["add", str(txt), "--report", "d4", "--title", "Avslutande",
                                 "--issued", "2025", "--reports", str(small_reports),
                                 "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    catalog = (small_reports / "catalog.toml").read_text(encoding="utf-8")
    assert catalog.startswith("# my series") and "# kept" in catalog
    assert [d.id for d in load_catalog(small_reports).documents] == ["d3-short", "d4-short"]
    assert (small_reports / "d4-short.txt").is_file()


def test_add_of_a_known_document_is_a_clear_error(runner, small_reports):
    result = runner.invoke(app, ["add", str(small_reports / "d3-short.txt"), "--report", "d3",
                                 "--title", "T", "--issued", "2025",
                                 "--reports", str(small_reports), "--dry-run"])
    assert result.exit_code == 2
    assert "already in the catalog" in result.output


def _shipped_but_d4(where: Path) -> Path:
    """The shipped reports without d4-short (to add it again)."""
    import re

    shutil.copytree(REPORTS, where)
    (where / "d4-short.txt").unlink()
    catalog = (where / "catalog.toml").read_text(encoding="utf-8")
    blocks = re.split(r"(?=^\[\[)", catalog, flags=re.MULTILINE)
    kept = [b for b in blocks if 'file = "d4-short.txt"' not in b]
    (where / "catalog.toml").write_text("".join(kept), encoding="utf-8")
    return where


def test_add_preview_reads_the_existing_findings_from_the_store(tmp_path):
    from graph.pipeline import build, preview_add

    reports = _shipped_but_d4(tmp_path / "reports")
    new = tmp_path / "d4-short.txt"
    shutil.copy(REPORTS / "d4-short.txt", new)
    store = tmp_path / "store"
    build(reports, store)
    args = {"report": "d4", "title": "Delrapport 4", "issued": "2025", "version": "short",
            "restates": "d3-short"}
    from_store = preview_add(reports, new, store=store, **args)
    processed = preview_add(reports, new, store=tmp_path / "no-store", **args)
    assert from_store.candidates and from_store.candidates == processed.candidates
    assert [f.restates for f in from_store.findings] == [f.restates for f in
                                                         processed.findings]
    # The preview compares with the graph, not the texts: a text changed since the
    # build changes nothing until the next build.
    (reports / "d1-full.txt").write_text("Inledning\n", encoding="utf-8")
    assert preview_add(reports, new, store=store, **args).candidates == from_store.candidates
    changed = preview_add(reports, new, store=tmp_path / "no-store", **args).candidates
    assert changed != from_store.candidates
