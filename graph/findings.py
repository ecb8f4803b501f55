"""Plain data passed from extraction to the RDF model: findings and their evidence.

These dataclasses know nothing of RDF; :mod:`graph.rdf.model` turns them into quads.

>>> f = Finding(document="d1", key="rec-1", type=FindingType.RECOMMENDATION,
...             label="Säkra samverkan.", section="Rekommendationer", ordinal=1,
...             evidence=[Span(10, 26, "Säkra samverkan.", "Rekommendationer")],
...             method="list", confidence=1.0)
>>> f.quote, f.start, f.end
('Säkra samverkan.', 10, 26)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class FindingType(str, Enum):
    """The four kinds of finding; the value is the CLI and JSON name.

    This is the one map of finding types: its name on the command line, its code in
    IRIs and its class in ``ontology/fynd.ttl`` (labels come from the ontology).

    >>> FindingType("proposal").code, FindingType("proposal").class_name
    ('prop', 'ImprovementProposal')
    """

    SUCCESS_FACTOR = "success-factor"
    RISK = "risk"
    IMPROVEMENT_PROPOSAL = "proposal"
    RECOMMENDATION = "recommendation"

    @property
    def code(self) -> str:
        """A short code used in finding IRIs (``sf``, ``risk``, ``prop``, ``rec``)."""
        return _TYPE_TABLE[self][0]

    @property
    def class_name(self) -> str:
        """The local name of its class in the fynd ontology (``Recommendation``)."""
        return _TYPE_TABLE[self][1]


#: FindingType -> (IRI code, ontology class name).
_TYPE_TABLE: dict[FindingType, tuple[str, str]] = {
    FindingType.SUCCESS_FACTOR: ("sf", "SuccessFactor"),
    FindingType.RISK: ("risk", "Risk"),
    FindingType.IMPROVEMENT_PROPOSAL: ("prop", "ImprovementProposal"),
    FindingType.RECOMMENDATION: ("rec", "Recommendation"),
}


class Method(str, Enum):
    """How a finding was found; each has a default confidence."""

    LIST = "list"        # a numbered or bulleted list under a heading
    BOX = "box"          # a boxed list, possibly interleaved into running text
    TABLE = "table"      # a column of a table
    PROSE = "prose"      # sentences of running text in a section about the type

    @property
    def confidence(self) -> float:
        return 0.5 if self is Method.PROSE else 0.9 if self is Method.BOX else 1.0


@dataclass(frozen=True)
class Span:
    """Evidence: an exact quote of the repaired text and where it stands.

    ``text[start:end] == quote`` holds for the repaired text of the document.
    """

    start: int
    end: int
    quote: str
    section: str


@dataclass
class Finding:
    """One success factor, risk, improvement proposal or recommendation of a document.

    Attributes
    ----------
    document
        The id of the document it was extracted from.
    key
        Unique within the document, stable for the same input (``rec-3``): the type's
        code and the finding's rank among the document's findings of that type.
    label
        The source wording, whole (line breaks and hyphenation undone, nothing rewritten).
    section
        The heading of the section the first evidence stands in.
    ordinal
        1-based position in its list, table column or section.
    evidence
        Where the document states it; a list stated twice gives two spans.
    restates
        ``(document id, key)`` of the full report's finding a short version's finding restates.
    """

    document: str
    key: str
    type: FindingType
    label: str
    section: str
    ordinal: int
    evidence: list[Span]
    method: str
    confidence: float
    restates: tuple[str, str] | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def quote(self) -> str:
        return self.evidence[0].quote

    @property
    def start(self) -> int:
        return self.evidence[0].start

    @property
    def end(self) -> int:
        return self.evidence[0].end
