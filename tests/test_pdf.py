"""PDF input through the real pypdf reader, on a PDF made here with fpdf2."""

from __future__ import annotations

import pytest

from graph.errors import ReportFileError
from graph.extract import extract
from graph.ingest.read import page_of, read_text

fpdf = pytest.importorskip("fpdf", reason="fpdf2 makes the test PDF (pip install '.[test]')")


def _pdf(path, pages):
    doc = fpdf.FPDF()
    doc.set_font("Helvetica", size=11)
    for lines in pages:
        doc.add_page()
        for line in lines:
            doc.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    doc.output(str(path))


def test_pdf_text_keeps_pages_and_gives_findings(tmp_path):
    path = tmp_path / "rapport.pdf"
    _pdf(path, [["Inledning", "", "Studien följde arbetet."],
                ["Rekommendationer", "", "1. Säkra samverkan genom gemensamma rutiner.",
                 "2. Skapa mötesplatser mellan organisationer."]])
    text = read_text(path)
    assert "Säkra samverkan" in text
    assert page_of(text, text.index("Säkra samverkan")) == 2
    recs = extract(text, "rapport")
    assert [f.label for f in recs] == ["Säkra samverkan genom gemensamma rutiner.",
                                       "Skapa mötesplatser mellan organisationer."]


def test_a_broken_pdf_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4 this is not a pdf")
    with pytest.raises(ReportFileError, match="broken.pdf"):
        read_text(path)
