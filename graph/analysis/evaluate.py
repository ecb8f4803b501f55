"""Precision and recall of lineage against a hand-judged file.

The file (``tests/lineage_gold.toml`` is ours) names findings as the curation file does
(``"DOCUMENT: start of label"``) and lists the links a reader judged, with their kind,
and each finding's status::

    scope = "recommendation"        # the finding type judged
    [[link]]
    source = "d3-short: Ha tålamod"
    target = "d4-short: Tålamod och uthållighet"
    kind = "persists"
    [status]
    "d4-short: Tydlig arbetsdelning" = "new"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from graph.analysis.curation import FindingRef, resolve
from graph.analysis.lineage import Lineage
from graph.errors import CurationError, toml_error


@dataclass
class Score:
    """Precision and recall of one kind of answer."""

    true_positive: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.expected if self.expected else 1.0


@dataclass
class Evaluation:
    """Links (ignoring kind), links with the right kind, and statuses."""

    links: Score
    kinds: Score
    statuses: Score
    missed: list[tuple[str, str]] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)
    wrong_status: list[tuple[str, str, str]] = field(default_factory=list)

    def rows(self) -> list[dict[str, object]]:
        return [{"measure": name, "precision": round(s.precision, 3),
                 "recall": round(s.recall, 3), "agreed": s.true_positive,
                 "automatic": s.predicted, "judged": s.expected}
                for name, s in (("links", self.links), ("links with kind", self.kinds),
                                ("statuses", self.statuses))]


def evaluate(lineage: Lineage, gold_path: str | Path, refs: list[FindingRef]) -> Evaluation:
    """Compare *lineage* with the judged file at *gold_path*.

    Only links between findings of the file's ``scope`` type count; a status is
    compared for every finding the file judges.

    Raises
    ------
    CurationError
        If the file is missing or malformed or names a finding that does not exist.
    """
    path = Path(gold_path)
    if not path.is_file():
        raise CurationError("judged lineage file not found", path=str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(exc, str(path), CurationError) from None
    scope = data.get("scope", "recommendation")
    by_document: dict[str, list[FindingRef]] = {}
    by_iri = {ref.iri: [ref] for ref in refs}
    for ref in refs:
        by_document.setdefault(ref.document, []).append(ref)

    def find(name: str) -> str:
        # A name's candidates are its own document's findings (or the one of its IRI):
        # linear in the file, not quadratic, on a synthetic series of 100,000 findings.
        if name.startswith(("http://", "https://")):
            return resolve(name, by_iri.get(name, []))
        return resolve(name, by_document.get(name.partition(":")[0].strip(), []))

    gold = {(find(x["source"]), find(x["target"])): x["kind"] for x in data.get("link", [])}
    auto = {(x.source, x.target): x.kind for x in lineage.links
            if lineage.nodes[x.source].type == scope}
    agreed = set(gold) & set(auto)
    same_kind = {pair for pair in agreed if gold[pair] == auto[pair]}
    judged = {find(name): status for name, status in data.get("status", {}).items()}
    right = {iri for iri, status in judged.items() if lineage.status.get(iri) == status}
    label = lambda iri: lineage.nodes[iri].label[:50] if iri in lineage.nodes else iri
    return Evaluation(
        links=Score(len(agreed), len(auto), len(gold)),
        kinds=Score(len(same_kind), len(auto), len(gold)),
        statuses=Score(len(right), len(judged), len(judged)),
        missed=[(label(s), label(t)) for s, t in sorted(set(gold) - set(auto))],
        extra=[(label(s), label(t)) for s, t in sorted(set(auto) - set(gold))],
        wrong_status=[(label(i), judged[i], lineage.status.get(i, "?"))
                      for i in sorted(set(judged) - right)],
    )
