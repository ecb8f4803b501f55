"""Figures on the real public reports in ``tests/fixtures/real/`` (not written by us).

For each text: the hand-judged *listed* findings (bullets, numbered items, paragraphs,
table cells; not prose) that extraction finds (a finding of the judged type whose label
starts with the judged start), duplicates (a judged item found twice), labels that
carry page furniture or a heading, and repair edits on the text.  Run
``python -m tests.real_reports`` to print the README table (add ``--no-repair`` to skip
repair, which loads the dictionaries).
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from graph.extract import extract
from graph.extract.layout import blocks, split_lines
from graph.findings import Finding

REAL = Path(__file__).resolve().parent / "fixtures" / "real"
LISTED = ("bullet", "numbered", "paragraph", "table")


@dataclass
class Figures:
    file: str
    language: str
    listed: int
    found: int
    duplicates: int
    prose_judged: int
    prose_found: int
    extracted: int
    bad_labels: int
    edits: int | None


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[*_`#]", "", text).split()).lower()


def sources() -> list[dict]:
    return tomllib.loads((REAL / "SOURCES.toml").read_text(encoding="utf-8"))["document"]


def judged(stem: str) -> list[dict]:
    path = REAL / f"{stem}.judged.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")).get("finding", [])


def matches(finding: Finding, item: dict) -> bool:
    start = _norm(re.sub(r"^\s*\(?\w{1,3}[.)]\s+", "", item["start"]))[:60]
    return finding.type.value == item["type"] and any(
        _norm(re.sub(r"^\s*\(?\w{1,3}[.)]\s+", "", span.quote)).startswith(start)
        for span in finding.evidence)


def bad_labels(text: str, findings: list[Finding], language: str) -> int:
    """Findings whose evidence holds page furniture or a heading of the text."""
    marks = [(l.start, l.end) for l in split_lines(text) if l.skip and l.text.strip()]
    marks += [(b.start, b.end) for b in blocks(text, language) if b.kind == "heading"]
    bad = 0
    for f in findings:
        if any(s.start < a and b < s.end for s in f.evidence for a, b in marks):
            bad += 1
    return bad


def measure(doc: dict, repair_text: bool = True) -> Figures:
    stem = doc["file"].removesuffix(".txt")
    raw = (REAL / doc["file"]).read_text(encoding="utf-8")
    text, edits = raw, None
    if repair_text:
        from graph.ingest.lexicon import default_lexicon
        from graph.ingest.repair import repair

        repaired = repair(raw, default_lexicon(doc.get("language", "sv")))
        text, edits = repaired.text, len(repaired.edits)
    language = doc.get("language", "sv")
    findings = extract(text, stem, language)
    items = judged(stem)
    listed = [i for i in items if i.get("shape") in LISTED]
    prose = [i for i in items if i.get("shape") not in LISTED]
    # Judged items with the same start are counted together: k items, m findings.
    groups: dict[tuple[str, str], int] = {}
    for i in listed:
        groups[(i["type"], i["start"])] = groups.get((i["type"], i["start"]), 0) + 1
    found = duplicates = 0
    for (ftype, start), k in groups.items():
        m = sum(1 for f in findings if matches(f, {"type": ftype, "start": start}))
        found += min(k, m)
        duplicates += max(0, m - k)
    prose_hits = [any(matches(f, i) for f in findings) for i in prose]
    return Figures(doc["file"], language, len(listed), found, duplicates, len(prose),
                   sum(prose_hits),
                   len(findings), bad_labels(text, findings, language), edits)


def table(rows: list[Figures]) -> str:
    out = [("| document | lang | listed found | duplicates | prose found | findings | "
            "labels with furniture/heading | repair edits |"),
           "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        out.append(f"| {r.file} | {r.language} | {r.found}/{r.listed} | {r.duplicates} | "
                   f"{r.prose_found}/{r.prose_judged} | {r.extracted} | {r.bad_labels} | "
                   f"{'-' if r.edits is None else r.edits} |")
    return "\n".join(out)


if __name__ == "__main__":
    rows = [measure(d, "--no-repair" not in sys.argv) for d in sources()]
    print(table(rows))
    total = sum(r.listed for r in rows)
    print(f"\nlisted items found: {sum(r.found for r in rows)}/{total}")
