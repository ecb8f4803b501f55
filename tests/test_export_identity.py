"""The graph is the one from before issue 7, quad for quad, apart from the evidence offsets.

``fixtures/export-before-layout.nq`` is ``fynd export --format nq`` of the shipped corpus
before issue 7 (3,030 quads), when the position selectors held offsets into the repaired
text.  Now the position selectors hold offsets into the source text and the repaired
offsets are ``fynd:repairedStart``/``fynd:repairedEnd`` on the quote selectors.  With the
position selectors (and ``oa:hasSelector`` to them) and the repaired offsets left out on
both sides, everything else must be the same, except for what is named here:

* the ``graph/ontology`` graph only has to hold everything it held (the new terms are
  added), except the two texts that said the offsets were into the repaired text;
* one ``fynd:sharedTerm``: the old reader joined a finding's evidence quotes in Oxigraph's
  arbitrary GROUP_CONCAT order, the one reader (``graph.rdf.read``) joins them in reading
  order, so the term that link d1-full/rec-6 -> prop-9 shares is now "berörda".
"""

from __future__ import annotations

import pyoxigraph as ox

from graph.rdf.store import export, open_store
from graph.rdf.vocab import (
    DCTERMS,
    FYND,
    ID_BASE,
    LINEAGE_GRAPH,
    OA,
    ONTOLOGY_GRAPH,
    ONTOLOGY_IRI,
    RDF,
    SKOS,
    selector_iris,
)

from .conftest import ROOT

BEFORE = ROOT / "tests" / "fixtures" / "export-before-layout.nq"

_LINK = ox.NamedNode(ID_BASE + "link/d1-full/rec-6/drawsOn/d1-full/prop-9")
#: The accepted differences outside the ontology graph: (before, now).
SHARED_TERM_CHANGE = (ox.Quad(_LINK, FYND.sharedTerm, ox.Literal("berördas"), LINEAGE_GRAPH),
                      ox.Quad(_LINK, FYND.sharedTerm, ox.Literal("berörda"), LINEAGE_GRAPH))
#: Ontology statements reworded because they said the offsets were into the repaired text.
REWORDED = {(ONTOLOGY_IRI, DCTERMS.description), (FYND.Evidence, SKOS.definition)}
_REPAIRED = (FYND.repairedStart, FYND.repairedEnd)


def _quads(data: bytes) -> set[ox.Quad]:
    return set(ox.parse(data, format=ox.RdfFormat.N_QUADS))


def _positions(quads: set[ox.Quad]) -> set[ox.NamedNode | ox.BlankNode]:
    return {q.subject for q in quads
            if q.predicate == RDF.type and q.object == OA.TextPositionSelector}


def _without_offsets(quads: set[ox.Quad]) -> set[ox.Quad]:
    positions = _positions(quads)
    return {q for q in quads
            if q.subject not in positions and q.predicate not in _REPAIRED
            and not (q.predicate == OA.hasSelector and q.object in positions)}


def _offsets(quads: set[ox.Quad], subject, start, end) -> tuple[int, int]:
    found = {q.predicate: int(q.object.value) for q in quads
             if q.subject == subject and q.predicate in (start, end)}
    return found[start], found[end]


def test_the_graph_is_the_one_before_issue_7_apart_from_the_evidence_offsets(built):
    _, store_path = built
    before = _quads(BEFORE.read_bytes())
    now = _quads(export(open_store(store_path), "nq"))
    assert len(before) == 3030

    old_ontology = {q for q in before if q.graph_name == ONTOLOGY_GRAPH}
    new_ontology = {q for q in now if q.graph_name == ONTOLOGY_GRAPH}
    missing = old_ontology - new_ontology
    assert {(q.subject, q.predicate) for q in missing} == REWORDED, missing
    assert {FYND.repairedStart, FYND.repairedEnd} <= {q.subject for q in new_ontology}

    old_rest = _without_offsets(before - old_ontology)
    new_rest = _without_offsets(now - new_ontology)
    old_term, new_term = SHARED_TERM_CHANGE
    assert old_rest - new_rest == {old_term}
    assert new_rest - old_rest == {new_term}

    # The offsets left out above: the same selectors, and the old (repaired) offsets are
    # now the quote selectors' fynd:repairedStart/End.
    assert _positions(before) == _positions(now)
    assert len(_positions(now)) == len([q for q in now if q.predicate == FYND.evidence])
    moved = 0
    for position in _positions(before):
        quote, _ = selector_iris(ox.NamedNode(position.value.rsplit("/", 1)[0]))
        old = _offsets(before, position, OA.start, OA.end)
        assert _offsets(now, quote, *_REPAIRED) == old
        moved += _offsets(now, position, OA.start, OA.end) != old
    assert moved > 0  # the repaired documents' source offsets differ
