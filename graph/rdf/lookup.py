"""Naming a finding: its full IRI, its short form ``d1-short/rec-2``, and the lookup of
either in the graph.

``fynd findings`` shows the short form; every command that takes a finding accepts
both, and a short version's finding that restates the full report resolves to itself
(its own evidence) and names the finding it restates.
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

from graph.errors import InputError
from graph.rdf.read import FindingRow, read_findings
from graph.rdf.vocab import ID_BASE

FINDING_BASE = ID_BASE + "finding/"
_SHORT = re.compile(r"^[A-Za-z0-9][\w.%~-]*/[A-Za-z0-9][\w.%~-]*$")


def short_id(iri: str) -> str:
    """The short form of a finding IRI (the IRI itself if it is not fynd's).

    >>> short_id("https://w3id.org/fynd/id/finding/d1-short/rec-2")
    'd1-short/rec-2'
    """
    return iri.removeprefix(FINDING_BASE)


def finding_ref(text: str) -> str:
    """The full IRI a user's reference names: a short form is expanded, an IRI kept.

    >>> finding_ref("d1-short/rec-2")
    'https://w3id.org/fynd/id/finding/d1-short/rec-2'
    >>> finding_ref("https://w3id.org/fynd/id/finding/d1-full/rec-3")
    'https://w3id.org/fynd/id/finding/d1-full/rec-3'
    """
    text = text.strip().strip("<>")
    return FINDING_BASE + text if _SHORT.match(text) else text


def find_finding(store: ox.Store, ref: str) -> FindingRow:
    """The finding that *ref* (an IRI or ``document/key``) names.

    Raises
    ------
    InputError
        If the graph has no such finding.
    """
    iri = finding_ref(ref)
    document = short_id(iri).split("/")[0]
    for row in read_findings(store):
        if row.iri == iri:
            return row
    raise InputError(f"no finding {ref} in the graph (fynd findings lists them; "
                     f"document {document!r}, or the full IRI)")



def restatement(row: FindingRow) -> dict[str, Any]:
    """A restating finding as JSON: itself, the finding it restates, its own evidence."""
    return {"iri": row.iri, "id": short_id(row.iri), "document": row.document,
            "label": row.label, "restates": row.restates,
            "evidence": [{"start": start, "end": end, "quote": quote}
                         for start, end, quote in row.spans]}
