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

Each measure (links, links with the right kind, each link kind, statuses and each status)
comes with a bootstrap interval: the judged units (the links either side names, the
findings judged) are drawn again with replacement, seeded, so the interval is the same
on every run.
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


#: One judged unit of a measure: (counts as agreed, counts as automatic, counts as judged).
Unit = tuple[bool, bool, bool]


@dataclass
class Measure:
    """A :class:`Score` with the units it was counted from (for the bootstrap)."""

    name: str
    units: list[Unit]

    @property
    def score(self) -> Score:
        return Score(sum(u[0] for u in self.units), sum(u[1] for u in self.units),
                     sum(u[2] for u in self.units))


def bootstrap(units: list[Unit], *, rounds: int = 1000, seed: int = 0, level: float = 0.95
              ) -> tuple[tuple[float, float], tuple[float, float]]:
    """Percentile intervals of precision and recall over *units* drawn with replacement.

    >>> units = [(True, True, True)] * 8 + [(False, True, False)] * 2
    >>> bootstrap(units, rounds=200)[1]
    (1.0, 1.0)
    >>> lo, hi = bootstrap(units, rounds=200)[0]
    >>> 0.5 < lo < 0.8 < hi <= 1.0
    True
    >>> bootstrap([])
    ((1.0, 1.0), (1.0, 1.0))
    """
    import numpy as np

    if not units or rounds <= 0:
        return (1.0, 1.0), (1.0, 1.0)
    arr = np.asarray(units, dtype=float)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(arr), size=(rounds, len(arr)))
    agreed, auto, judged = (arr[:, i][picks].sum(axis=1) for i in range(3))
    precision = np.divide(agreed, auto, out=np.ones(rounds), where=auto > 0)
    recall = np.divide(agreed, judged, out=np.ones(rounds), where=judged > 0)
    tail = (1 - level) / 2 * 100
    interval = lambda x: (round(float(np.percentile(x, tail)), 3),
                          round(float(np.percentile(x, 100 - tail)), 3))
    return interval(precision), interval(recall)


@dataclass
class Evaluation:
    """Links (ignoring kind), links with the right kind, and statuses; and every measure
    (each link kind, each status too) with its units, for :meth:`rows`."""

    links: Score
    kinds: Score
    statuses: Score
    missed: list[tuple[str, str]] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)
    wrong_status: list[tuple[str, str, str]] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)

    def rows(self, *, rounds: int = 1000, seed: int = 0) -> list[dict[str, object]]:
        """One row per measure: precision, recall, their bootstrap 95 % intervals
        (*rounds* draws, *seed*; ``rounds=0`` leaves the intervals out) and the counts."""
        out: list[dict[str, object]] = []
        for m in self.measures:
            s = m.score
            row: dict[str, object] = {"measure": m.name, "precision": round(s.precision, 3),
                                      "recall": round(s.recall, 3)}
            if rounds > 0:
                (p_lo, p_hi), (r_lo, r_hi) = bootstrap(m.units, rounds=rounds, seed=seed)
                row["precision 95%"] = f"{p_lo:.2f}-{p_hi:.2f}"
                row["recall 95%"] = f"{r_lo:.2f}-{r_hi:.2f}"
            row.update({"agreed": s.true_positive, "automatic": s.predicted,
                        "judged": s.expected})
            out.append(row)
        return out


def _link_measures(gold: dict[tuple[str, str], str], auto: dict[tuple[str, str], str]
                   ) -> list[Measure]:
    pairs = sorted(set(gold) | set(auto))
    out = [Measure("links", [(p in gold and p in auto, p in auto, p in gold) for p in pairs]),
           Measure("links with kind", [(p in gold and gold[p] == auto.get(p), p in auto,
                                        p in gold) for p in pairs])]
    for kind in ("persists", "evolves"):
        out.append(Measure(kind, [(gold.get(p) == kind and auto.get(p) == kind,
                                   auto.get(p) == kind, gold.get(p) == kind) for p in pairs
                                  if kind in (gold.get(p), auto.get(p))]))
    return out


def _status_measures(judged: dict[str, str], got: dict[str, str]) -> list[Measure]:
    items = sorted(judged.items())
    out = [Measure("statuses", [(got.get(i) == s, True, True) for i, s in items])]
    for status in ("persisted", "evolved", "dropped", "new"):
        out.append(Measure(f"status {status}",
                           [(s == status and got.get(i) == status, got.get(i) == status,
                             s == status) for i, s in items]))
    return out


def _finding_name(ref: str) -> str:
    """``"file.txt#start of label"`` -> ``"file: start of label"``."""
    file, _, label = ref.partition("#")
    return f"{Path(file).stem}: {label}"


def from_series_links(data: dict) -> dict:
    """A judged series in the form of ``tests/fixtures/real/*.links.toml`` (``from`` /
    ``to`` as ``"FILE#start of label"``, any finding type, a ``dropped`` list) as this
    module's form; a file already in it is returned as it is.

    >>> from_series_links({"dropped": ["a.txt#X"], "link": [
    ...     {"from": "a.txt#Y", "to": "b.txt#Z", "kind": "persists"}]})["link"]
    [{'source': 'a: Y', 'target': 'b: Z', 'kind': 'persists'}]
    """
    links = data.get("link", [])
    if not any("from" in x for x in links) and "dropped" not in data:
        return data
    return {"scope": data.get("scope", "any"),
            "link": [{"source": _finding_name(x["from"]), "target": _finding_name(x["to"]),
                      "kind": x["kind"]} for x in links],
            "status": {**{_finding_name(x): "dropped" for x in data.get("dropped", [])},
                       **data.get("status", {})}}


def evaluate(lineage: Lineage, gold_path: str | Path, refs: list[FindingRef]) -> Evaluation:
    """Compare *lineage* with the judged file at *gold_path*.

    Only links between findings of the file's ``scope`` type count (``"any"``: every
    type); a status is compared for every finding the file judges.  A judged series in
    the ``from``/``to`` form is read too (see :func:`from_series_links`); there a name
    that matches no finding (a statement fynd did not extract) counts as missed.

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
    series_form = data is not (data := from_series_links(data))

    by_document: dict[str, list[FindingRef]] = {}
    by_iri = {ref.iri: [ref] for ref in refs}
    for ref in refs:
        by_document.setdefault(ref.document, []).append(ref)

    def candidates(name: str) -> list[FindingRef]:
        # A name's candidates are its own document's findings (or the one of its IRI):
        # linear in the file, not quadratic, on a synthetic series of 100,000 findings.
        if name.startswith(("http://", "https://")):
            return by_iri.get(name, [])
        return by_document.get(name.partition(":")[0].strip(), [])

    def find(name: str) -> str:
        # A judged series may name a statement fynd did not extract: a missed finding.
        try:
            return resolve(name, candidates(name))
        except CurationError:
            if series_form:
                return name
            raise

    scope = data.get("scope", "recommendation")
    gold = {(find(x["source"]), find(x["target"])): x["kind"] for x in data.get("link", [])}
    auto = {(x.source, x.target): x.kind for x in lineage.links
            if scope == "any" or lineage.nodes[x.source].type == scope}
    if series_form:   # only the documents the judged series names
        document = {r.iri: r.document for r in refs}
        named = {document.get(name, name.split(":", 1)[0]) for pair in gold for name in pair}
        auto = {p: k for p, k in auto.items() if lineage.nodes[p[0]].document in named}
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
        measures=[*_link_measures(gold, auto), *_status_measures(judged, lineage.status)],
    )
