"""Every threshold of extraction and lineage, in one documented place.

The numbers are plain frozen dataclasses, so a caller can pass a variant
(``dataclasses.replace(LINEAGE, floor=0.2)``) without touching module state.  Repair's
costs live beside the beam search they weigh (:mod:`graph.ingest.repair`): they are the
search's internals, not knobs a user turns.

How each was chosen is said beside it; the README's "Lineage" section gives the
measurements.

>>> LINEAGE.floor, EXTRACTION.restates
(0.12, 0.5)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class ExtractionConfig:
    """When two statements within a document, or across versions, are one finding."""

    #: Two lists are one list stated twice when their items pair up this well on average
    #: (word overlap of the items at the same place).
    same_list: float = 0.5
    #: A prose sentence restates a list item or table cell that it contains this much of.
    same_statement: float = 0.6
    #: Two prose sentences state the same finding when their words overlap this much.
    same_sentence: float = 0.8
    #: A short version's finding restates a full report's finding overlapping it this much.
    restates: float = 0.5


@dataclass(frozen=True)
class SimilarityConfig:
    """The features lineage compares findings by (:mod:`graph.analysis.similarity`)."""

    #: Words this long or longer also contribute their compound edges.
    compound_min: int = 9
    #: Length of a compound edge: the first (modifier) and last (head) characters.
    edge: int = 6
    #: Weight of each edge feature relative to the word's stem.
    edge_weight: float = 0.5


@dataclass(frozen=True)
class LineageConfig:
    """The link choice of :mod:`graph.analysis.lineage`: chosen on a 36-point grid on
    ``tests/lineage_gold.toml`` (issue 4); ``benchmarks/calibrate_lineage.py`` checks it
    on judged series other than that file (README, Lineage step 8)."""

    #: A link's score must reach this to be considered at all.
    floor: float = 0.12
    #: A second source or target is kept when it scores within this factor of the best.
    near_best: float = 0.7
    #: Links scoring this or more, on the main line of a merge or split, are "persists".
    persists: float = 0.4
    #: At most this many links per finding and report pair: merges and splits of a few.
    per_finding: int = 3
    #: Within a report, a recommendation draws on / answers findings scoring this much.
    within_floor: float = 0.2
    #: An automatic link must score above this quantile of what each of its ends shares
    #: with the other findings of its type in its own report (the *sibling bar*,
    #: :func:`graph.analysis.siblings.sibling_bars`); ``None``: no such bar.  The median:
    #: ``python benchmarks/calibrate_lineage.py --siblings`` finds every quantile from 0
    #: to 1 clearing the negative controls and keeping every judged link of the
    #: calibration sets, and the median is the one an odd sibling moves least (README).
    sibling_quantile: float | None = 0.5


@dataclass(frozen=True)
class ThemeConfig:
    """Theme assignment (:mod:`graph.analysis.themes`)."""

    #: A compound part matches a trigger stem of at least this many letters.
    part_min: int = 4


@dataclass(frozen=True)
class BackgroundConfig:
    """How the background is measured (chosen a priori, see the README's "Lineage")."""

    #: Fewer draws than this: no background, the fixed floor alone.
    min_draws: int = 20
    #: Two reports are related when their best match exceeds what chance gives as the
    #: best of as many at this level (see :func:`related_pairs`).
    alpha: float = 0.05
    #: Derived findings drawn per real one, and the seed of the draws.
    rounds: int = 10
    seed: int = 0
    #: At least this many draws in all (the far tail is what the bar reads).
    tail_draws: int = 2000
    #: At most this many findings draw (a seeded sample), so a large corpus stays fast.
    max_findings: int = 2000


@dataclass(frozen=True)
class SemanticConfig:
    """The semantic rescue of :mod:`graph.analysis.semantic` (chosen on the synthetic and
    real judged series, never on ``tests/lineage_gold.toml``; see the README)."""

    #: A rescued pair must stand this far above the series' background: the weighted mean
    #: of its two z-scores (dense score and TF-IDF cosine, each against the pairs of one
    #: type in different reports of the series).  The lowest bar that added no false link
    #: to any calibration set (``python benchmarks/calibrate_semantic.py``).
    bar: float = 1.5
    #: Weight of the TF-IDF z-score beside the dense one (0: the dense score alone, 1: the
    #: plain mean).  Of 0, 0.5 and 1, the one whose bar gained the most calibration links
    #: (0 and 0.5 tied at two; ties go to the weight nearest 1).
    lexical_weight: float = 0.5
    #: What the dense score compares: ``"finding"`` (one vector per finding) or
    #: ``"sentence"`` (the best pair of sentences, a finding's whole text counted as one
    #: of them), so a later finding that merges several earlier ones, a sentence each,
    #: still resembles each of them.  The calibration sets could not tell the two apart
    #: (the same links at the chosen bar); ``"sentence"`` is kept for the merges.
    unit: Literal["finding", "sentence"] = "sentence"
    #: Let a later finding take several orphans (a merge): the mutual-best choice is
    #: repeated on the orphans still left until it adds nothing.  Off: at the chosen bar
    #: it changed no link of any set, calibration or held out.
    merges: bool = False
    #: Fewer background pairs than this: no rescue (nothing to measure the bar on).
    min_pairs: int = 20
    #: A series with more pairs than this measures its background on this many, drawn
    #: with this seed (the mean and deviation of 50,000 pairs are stable to ~0.01).
    sample: int = 50_000
    seed: int = 0


EXTRACTION = ExtractionConfig()
SIMILARITY = SimilarityConfig()
LINEAGE = LineageConfig()
THEMES = ThemeConfig()
BACKGROUND = BackgroundConfig()
SEMANTIC = SemanticConfig()
