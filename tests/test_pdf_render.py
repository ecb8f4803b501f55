"""PDFs rendered here from shipped texts give the texts' findings: a running header and
footer on every page, ligatures as Unicode presentation forms, a table laid out in
cells (pypdf's layout mode gives it aligned by spaces) and text in two columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.extract import extract
from graph.ingest.read import read_text

from .conftest import REPORTS

fpdf = pytest.importorskip("fpdf", reason="fpdf2 makes the test PDF (pip install '.[test]')")
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _pdf() -> fpdf.FPDF:
    if not FONT.is_file():
        pytest.skip("no DejaVu font (apt-get install fonts-dejavu-core)")

    class Paged(fpdf.FPDF):
        def header(self) -> None:
            self.set_font("DejaVu", size=7)
            self.cell(0, 4, "Delrapport 1 | FoU i Sörmland", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

        def footer(self) -> None:
            self.set_y(-10)
            self.set_font("DejaVu", size=7)
            self.cell(0, 4, f"Sida {self.page_no()}")

    doc = Paged(orientation="L")
    doc.add_font("DejaVu", fname=str(FONT))
    doc.set_font("DejaVu", size=7)
    doc.add_page()
    return doc


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(f.type.value, f.method, f.label) for f in extract(text, "d")]


def test_d1_full_as_a_paged_pdf_with_ligatures_and_a_cell_table_gives_its_findings(tmp_path):
    text = (REPORTS / "d1-full.txt").read_text(encoding="utf-8")
    doc = _pdf()
    width = doc.w - doc.l_margin - doc.r_margin
    for line in text.replace("fi", "\ufb01").split("\n"):
        if "\t" in line:
            for cell in line.split("\t"):
                doc.cell(width / 3, 3.5, cell)
            doc.ln(3.5)
        elif not line.strip():
            doc.ln(3.5)
        else:
            doc.multi_cell(0, 3.5, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "d1.pdf"
    doc.output(str(path))
    raw = read_text(path)
    assert raw.count("\f") >= 3 and "\ufb01" in raw

    from graph.ingest.lexicon import default_lexicon
    from graph.ingest.repair import repair

    from_pdf = _found(repair(raw, default_lexicon()).text)
    assert from_pdf == _found(text)
    assert sum(1 for t, method, _ in from_pdf if method == "table") == 29
    assert not any("FoU i Sörmland" in label or "Sida" in label for *_, label in from_pdf)


def test_two_columns_give_the_findings_of_one(tmp_path):
    text = (REPORTS / "d4-short.txt").read_text(encoding="utf-8")
    doc = _pdf()
    with doc.text_columns(ncols=2, gutter=6) as columns:
        for line in text.split("\n"):
            columns.write(line.rstrip() + "\n")
    path = tmp_path / "d4.pdf"
    doc.output(str(path))
    from_pdf = _found(read_text(path))
    assert len(from_pdf) >= 8
    assert from_pdf == _found(text)
