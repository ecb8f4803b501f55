"""Acceptance on the shipped corpus, automatic extraction only (no curation)."""

from __future__ import annotations

from graph.findings import FindingType

SF, RISK, PROP, REC = (FindingType.SUCCESS_FACTOR, FindingType.RISK,
                       FindingType.IMPROVEMENT_PROPOSAL, FindingType.RECOMMENDATION)


def _doc(built, doc_id):
    result, _ = built
    return next(p for p in result.documents if p.document.id == doc_id)


def _of(built, doc_id, ftype, method=None):
    return [f for f in _doc(built, doc_id).findings
            if f.type is ftype and (method is None or f.method == method)]


def test_d1_table_gives_9_success_factors_10_risks_10_proposals_in_column_order(built):
    sf = [f.label for f in _of(built, "d1-full", SF, "table")]
    risks = [f.label for f in _of(built, "d1-full", RISK, "table")]
    props = [f.label for f in _of(built, "d1-full", PROP, "table")]
    assert (len(sf), len(risks), len(props)) == (9, 10, 10)
    # Whole items, in the authors' column order: first and last of each column.
    assert sf[0] == "Bred representation av huvudmän"
    assert sf[-1] == "Digitala arbetssätt under pandemin"
    assert risks[0] == "Många huvudmän med olika intresse och engagemang"
    assert risks[-1] == "Ej tillräckligt bred politisk förankring"
    assert props[0] == "Mer enhetlig information till, och förankring hos, alla involverade"
    assert props[-1] == "Ökade aktiviteter i workshopsform"
    labels = sf + risks + props
    assert not any("kolumnvis" in label or "\t" in label for label in labels)
    for column in (sf, risks, props):
        ordinals = [f.ordinal for f in _of(built, "d1-full", SF if column is sf else
                                           RISK if column is risks else PROP, "table")]
        assert ordinals == list(range(1, len(column) + 1))


def test_listed_recommendations_appear_once_per_report(built):
    listed = {doc: len([f for f in _of(built, doc, REC) if f.method in ("list", "box")
                        and f.restates is None])
              for doc in ("d1-full", "d1-short", "d2-short", "d3-short", "d4-short")}
    assert listed == {"d1-full": 5, "d1-short": 0, "d2-short": 6, "d3-short": 10,
                      "d4-short": 8}


def test_d1_short_box_restates_the_full_reports_recommendations(built):
    box = _of(built, "d1-short", REC, "box")
    assert len(box) == 5
    full = {f.key: f for f in _of(built, "d1-full", REC, "list")}
    assert all(f.restates is not None and f.restates[1] in full for f in box)
    assert [full[f.restates[1]].ordinal for f in box] == [1, 2, 3, 4, 5]


def test_d1_full_summary_and_discussion_lists_are_one_list_with_two_spans(built):
    recs = _of(built, "d1-full", REC, "list")
    assert [len(f.evidence) for f in recs] == [2] * 5
    assert {f.evidence[1].section for f in recs} == {"Diskussion och rekommendationer"}


def test_labels_are_whole_items_of_the_source(built):
    d4 = _of(built, "d4-short", REC)
    assert d4[0].label.startswith("Verksamhetsnära målsättningar: En av de grundläggande")
    assert d4[0].label.endswith("Det har även stor betydelse för att förebygga missförstånd.")
    d3 = _of(built, "d3-short", REC)
    assert d3[5].label == "Säkra samverkan genom gemensamma rutiner och avsatta tider."


def test_every_quote_is_the_repaired_text_at_its_offsets(built):
    result, _ = built
    for p in result.documents:
        for f in p.findings:
            for span in f.evidence:
                assert p.text.text[span.start:span.end] == span.quote
