"""Every evidence span of the shipped corpus can be found in its source file.

For each evidence span in the built store, with ``raw`` the source file's text as read
(:func:`graph.ingest.read.read_text`) and ``repaired`` the document's RepairedText:

* the position selector's ``oa:start``/``oa:end`` are the quote selector's
  ``fynd:repairedStart``/``fynd:repairedEnd`` mapped by ``repaired.span_to_raw``, inside
  ``raw``;
* the repaired text at the repaired offsets is exactly the quote (``oa:exact``);
* the raw slice at the source offsets, with the document's own edits that lie inside it
  applied (damage undone; edits listed by ``repaired.edits``, not mapped back through the
  offset map), is exactly the quote.
"""

from __future__ import annotations

import json
from collections import Counter

from graph.cli import app
from graph.ingest.read import read_text
from graph.ingest.repair import RepairedText
from graph.rdf.read import read_findings
from graph.rdf.store import open_store, select
from graph.rdf.vocab import finding_iri

REPAIRED_DOCUMENTS = {"d1-short", "d2-short", "d4-short"}

_EVIDENCE = """
SELECT ?document ?finding ?evidence ?exact ?repairedStart ?repairedEnd ?start ?end
WHERE {
  ?finding a fynd:Finding ; fynd:document/fynd:documentId ?document ; fynd:evidence ?evidence .
  ?evidence oa:hasSelector ?q , ?p .
  ?q a oa:TextQuoteSelector ; oa:exact ?exact ;
     fynd:repairedStart ?repairedStart ; fynd:repairedEnd ?repairedEnd .
  ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
}
"""


def undo_damage(repaired: RepairedText, start: int, end: int) -> str:
    """``raw[start:end]`` with the edits of *repaired* that lie inside it applied.

    A zero-width edit (an inserted line break) at either end is left out: it stands
    between the quote and its neighbour.
    """
    out, pos = [], start
    for e in repaired.edits:
        if e.raw_end <= start and e.raw_start < start or e.raw_start >= end and e.raw_end > end:
            continue  # wholly outside
        if e.raw_start == e.raw_end and e.raw_start in (start, end):
            continue
        assert start <= e.raw_start and e.raw_end <= end, f"edit {e} straddles {start}..{end}"
        out += [repaired.raw[pos:e.raw_start], e.replacement]
        pos = e.raw_end
    return "".join(out) + repaired.raw[pos:end]


def evidence(store_path) -> list[dict[str, str | int]]:
    rows = []
    for sol in select(open_store(store_path), _EVIDENCE):
        row: dict[str, str | int] = {k: sol[k].value for k in ("document", "finding", "exact")}
        row.update({k: int(sol[k].value)
                    for k in ("repairedStart", "repairedEnd", "start", "end")})
        rows.append(row)
    return rows


def test_every_evidence_span_slices_its_source_file(built):
    result, store_path = built
    processed = {p.document.id: p for p in result.documents}
    rows = evidence(store_path)
    # every span of every finding of the shipped corpus, once
    assert len(rows) == sum(len(f.evidence) for p in result.documents for f in p.findings)
    assert len({(r["finding"], r["start"]) for r in rows}) == len(rows)
    raws = {doc: read_text(p.document.path) for doc, p in processed.items()}
    moved: Counter[str] = Counter()
    for r in rows:
        doc, start, end, exact = r["document"], r["start"], r["end"], r["exact"]
        assert isinstance(doc, str) and isinstance(start, int) and isinstance(end, int)
        repaired, raw = processed[doc].text, raws[doc]
        assert repaired.raw == raw  # the offset map's raw text is the file as read
        assert 0 <= start < end <= len(raw), r
        assert (start, end) == repaired.span_to_raw(r["repairedStart"], r["repairedEnd"]), r
        assert repaired.text[r["repairedStart"]:r["repairedEnd"]] == exact, r
        assert undo_damage(repaired, start, end) == exact, (r, raw[start:end])
        moved[doc] += (start, end) != (r["repairedStart"], r["repairedEnd"])
    # not vacuous: in the repaired documents the two sets of offsets differ ...
    assert {doc for doc, n in moved.items() if n} == REPAIRED_DOCUMENTS
    # ... and in the others the text was not changed at all
    assert {doc for doc, p in processed.items() if p.text.changed} == REPAIRED_DOCUMENTS


def test_read_findings_reports_the_source_offsets(built):
    result, store_path = built
    by_finding: dict[str, set[tuple[int, int, str]]] = {}
    for r in evidence(store_path):
        by_finding.setdefault(str(r["finding"]), set()).add(
            (int(r["start"]), int(r["end"]), str(r["exact"])))
    rows = read_findings(open_store(store_path))
    assert len(rows) == sum(len(p.findings) for p in result.documents)
    for row in rows:
        assert set(row.spans) == by_finding[row.iri]
        assert (row.start, row.end, row.quote) == min(by_finding[row.iri])


def test_d2_short_rec_2_is_found_at_its_offsets_in_the_file(built, runner):
    # Issue 7: the repaired offsets 1930..2191 read "central. • Säkerställ a det…" in the file.
    result, store_path = built
    doc = next(p.document for p in result.documents if p.document.id == "d2-short")
    raw = read_text(doc.path)
    iri = finding_iri("d2-short", "rec-2").value
    (row,) = [r for r in read_findings(open_store(store_path), report="d2") if r.iri == iri]
    assert row.quote.startswith("Säkerställ att det finns möjlighet att dra")
    assert raw[row.start:row.end].startswith("Säkerställ a   det fi nns möjlighet a   dra")
    assert raw[row.end - 1] == row.quote[-1]
    cli = runner.invoke(app, ["findings", "--report", "d2", "--format", "json",
                              "--store", str(store_path)])
    assert cli.exit_code == 0, cli.stderr
    (printed,) = [r for r in json.loads(cli.stdout) if r["iri"] == iri]
    assert (printed["start"], printed["end"]) == (row.start, row.end)
