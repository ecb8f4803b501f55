"""The ontology and shapes parse, declare every term the model writes, and match vocab."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.rdf import store as store_module
from graph.rdf import vocab
from graph.rdf.vocab import FYND, FYND_TERMS, OWL, RDF, RDFS, SH, SKOS
from tests.tiny_graph import tiny_quads

DECLARED_KINDS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                  SKOS.Concept, SKOS.ConceptScheme}


@pytest.fixture(scope="module")
def ontology() -> ox.Store:
    store = ox.Store()
    store.load(path=str(vocab.ONTOLOGY_PATH), format=ox.RdfFormat.TURTLE)
    return store


@pytest.fixture(scope="module")
def shapes() -> ox.Store:
    store = ox.Store()
    store.load(path=str(vocab.SHAPES_PATH), format=ox.RdfFormat.TURTLE)
    return store


def declared(ontology: ox.Store) -> dict[ox.NamedNode, set[ox.NamedNode]]:
    kinds: dict[ox.NamedNode, set[ox.NamedNode]] = {}
    for q in ontology.quads_for_pattern(None, RDF.type, None):
        if q.object in DECLARED_KINDS:
            kinds.setdefault(q.subject, set()).add(q.object)
    return kinds


def test_ontology_parses_with_rdflib_too():
    import rdflib

    graph = rdflib.Graph().parse(vocab.ONTOLOGY_PATH, format="turtle")
    assert (rdflib.URIRef(FYND.Finding.value), rdflib.RDF.type, rdflib.OWL.Class) in graph


def test_vocab_mirrors_the_ontology(ontology):
    ours = {t for t in declared(ontology) if t.value.startswith(FYND.base)}
    assert ours == {FYND[name] for name in FYND_TERMS}
    kinds = declared(ontology)
    for name in vocab.FYND_CLASSES:
        assert OWL.Class in kinds[FYND[name]], name
    for name in vocab.FYND_PROPERTIES:
        assert kinds[FYND[name]] & {OWL.ObjectProperty, OWL.DatatypeProperty}, name


@pytest.mark.parametrize("name", FYND_TERMS)
def test_every_term_has_sv_and_en_labels_and_a_definition(ontology, name):
    term = FYND[name]
    for predicate in (RDFS.label, SKOS.prefLabel):
        languages = {q.object.language for q in ontology.quads_for_pattern(term, predicate, None)}
        assert {"sv", "en"} <= languages, (name, predicate)
    definitions = {q.object.language for p in (SKOS.definition, RDFS.comment)
                   for q in ontology.quads_for_pattern(term, p, None)}
    assert "en" in definitions, name


def test_every_term_the_model_writes_is_declared(ontology):
    kinds = declared(ontology)
    used = set()
    for q in tiny_quads():
        used.add(q.predicate)
        if q.predicate == RDF.type:
            used.add(q.object)
    namespaces = tuple(vocab.PREFIXES.values())
    for term in used:
        assert term.value.startswith(namespaces), term
        if term.value.startswith(FYND.base):
            assert term in kinds, term


def test_finding_classes_are_subclasses_of_finding(ontology):
    for cls in vocab.FINDING_CLASSES.values():
        assert ox.Quad(cls, RDFS.subClassOf, FYND.Finding) in ontology
    assert ox.Quad(FYND.Finding, RDFS.subClassOf, vocab.PROV.Entity) in ontology
    assert ox.Quad(FYND.Evidence, RDFS.subClassOf, vocab.OA.SpecificResource) in ontology
    assert ox.Quad(FYND.Build, RDFS.subClassOf, vocab.PROV.Activity) in ontology


def test_finding_types_map_both_ways():
    for t, cls in vocab.FINDING_CLASSES.items():
        assert vocab.finding_type(cls) is t
        assert vocab.finding_class(t.value) == cls
    with pytest.raises(AttributeError):
        FYND.Reprot  # noqa: B018


def test_shapes_only_name_declared_fynd_terms(shapes, ontology):
    kinds = declared(ontology)
    named = {q.object for q in shapes if isinstance(q.object, ox.NamedNode)
             and q.object.value.startswith(FYND.base)}
    assert named, "the shapes should mention fynd terms"
    assert named <= set(kinds), named - set(kinds)


def test_every_fynd_class_has_a_shape(shapes):
    targets = {q.object for q in shapes.quads_for_pattern(None, SH.targetClass, None)}
    assert {FYND[name] for name in vocab.FYND_CLASSES} <= targets
    assert {vocab.OA.TextQuoteSelector, vocab.OA.TextPositionSelector} <= targets


def test_every_property_shape_has_a_message(shapes):
    for q in shapes.quads_for_pattern(None, SH.property, None):
        assert list(shapes.quads_for_pattern(q.object, SH.message, None)), q.object


def test_store_prefixes_agree_with_vocab():
    for prefix, base in store_module.PREFIXES.items():
        assert vocab.PREFIXES[prefix] == base
