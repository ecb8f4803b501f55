"""Choose the lexical link choice's floor and near-best factor on judged series other
than the shipped reports, and score the shipped reports as held out.

Run: python benchmarks/calibrate_lineage.py --work DIR

The sets are those of ``benchmarks/calibrate_semantic.py --with-merges`` (six synthetic
series with paraphrases, three of them with merges and splits, which the near-best factor
is for; the two real judged series; two negative controls whose every link is false); DIR
may be the same working directory, whose stores are then reused.  Each grid
point recomputes the automatic lexical lineage of every set (no curation, no background,
no semantic rescue) and pools the calibration sets' links: agreed, automatic, judged.
The point chosen is the one with the best pooled F1 of links; ties go to the point
nearest the shipped setting.  The shipped reports' column is printed beside every point
but takes no part in the choice.

``--siblings`` checks the sibling bar instead (``LineageConfig.sibling_quantile``, at the
shipped floor and near-best): each quantile, and none, with the lexical lineage alone and
with the semantic rescue (if installed).  A quantile *qualifies* when the negative
controls get no link and the calibration sets keep every agreed link.  The median is
shipped if it qualifies, as the statistic one odd sibling moves least.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

FLOORS = (0.08, 0.10, 0.12, 0.15, 0.18, 0.22)
NEAR_BEST = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def f1(agreed: int, auto: int, judged: int) -> float:
    """F1 of links: the harmonic mean of precision and recall.

    >>> round(f1(9, 10, 13), 3)
    0.783
    """
    return 2 * agreed / (auto + judged) if auto + judged else 1.0


def main(argv: list[str] | None = None) -> None:
    from benchmarks.calibrate_semantic import judged_sets, score
    from graph.config import LINEAGE

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--siblings", action="store_true",
                        help="check the sibling bar's quantile instead of the floor grid")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    sets = judged_sets(args.work, merges=True)
    stores: dict[Path, Path] = {}
    for name, reports, _judged, _held in sets:
        stores.setdefault(reports, args.work / ("store-" + name.replace(" ", "-")
                                                .replace("(", "").replace(")", "")))
    if args.siblings:
        siblings(sets, stores)
        return
    print("| floor | near-best | " + " | ".join(n for n, *_ in sets)
          + " | pooled P / R / F1 (calibration) |")
    print("|---" * (len(sets) + 3) + "|")
    results = []
    for floor in FLOORS:
        for near in NEAR_BEST:
            t = replace(LINEAGE, floor=floor, near_best=near)
            counts = [score(r, j, stores[r], None, None, t) for _n, r, j, _h in sets]
            calib = [c for c, s in zip(counts, sets) if not s[3]]
            a, p, j = (sum(c[i] for c in calib) for i in range(3))
            cells = " | ".join(f"{x}/{y} / {x}/{z}" if s[2] is not None else f"{y} links"
                               for (x, y, z), s in zip(counts, sets))
            print(f"| {floor:g} | {near:g} | {cells} | {a / p if p else 1:.3f} / "
                  f"{a / j:.3f} / {f1(a, p, j):.3f} |", flush=True)
            distance = abs(floor - LINEAGE.floor) + abs(near - LINEAGE.near_best)
            results.append((-round(f1(a, p, j), 4), distance, floor, near))
    _, _, floor, near = min(results)
    print(f"\nChosen on the calibration sets: floor {floor:g}, near-best {near:g} (best pooled "
          "F1; ties to the shipped setting); the held-out column is the shipped reports.")


def siblings(sets: list[tuple[str, Path, Path | None, bool]], stores: dict[Path, Path]
             ) -> None:
    """Print the sibling-bar table (see the module docstring) and which quantiles qualify."""
    from benchmarks.calibrate_semantic import score
    from graph.analysis.semantic import available
    from graph.config import LINEAGE, SEMANTIC

    print("| signal | sibling quantile | " + " | ".join(n for n, *_ in sets)
          + " | pooled P / R (calibration) |")
    print("|---" * (len(sets) + 3) + "|")
    for semantic in (None, SEMANTIC) if available() else (None,):
        baseline: list[tuple[int, int, int]] = []
        qualify = []
        for q in (None, 0.0, 0.25, 0.5, 0.75, 0.9, 1.0):
            t = replace(LINEAGE, sibling_quantile=q)
            counts = [score(r, j, stores[r], semantic, None, t) for _n, r, j, _h in sets]
            baseline = baseline or counts
            calib = [(c, s) for c, s in zip(counts, sets) if not s[3]]
            a, p, j = (sum(c[i] for c, _s in calib) for i in range(3))
            cells = " | ".join(f"{x}/{y} / {x}/{z}" if s[2] is not None else f"{y} links"
                               for (x, y, z), s in zip(counts, sets))
            print(f"| {'semantic' if semantic else 'lexical'} | {'none' if q is None else q} "
                  f"| {cells} | {a / p if p else 1:.3f} / {a / j:.3f} |", flush=True)
            kept = all(c[0] >= b[0] for (c, s), b in zip(calib, baseline) if s[2] is not None)
            if q is not None and kept and all(c[1] == 0 for c, s in calib if s[2] is None):
                qualify.append(q)
        print(f"\n{'semantic' if semantic else 'lexical'}: qualifying quantiles {qualify}")
    _sibling_cost(stores[sets[-1][1]])


def _sibling_cost(store: Path, runs: int = 15) -> None:
    """Print the lexical lineage analysis' time on *store*'s findings, best of *runs*,
    without and with the sibling bar, side by side."""
    import time

    from graph.analysis.lineage import analyse
    from graph.analysis.lineage_rdf import read_nodes
    from graph.config import LINEAGE
    from graph.rdf.store import open_store

    nodes = read_nodes(open_store(store)).nodes
    best = {}
    for label, t in (("without", replace(LINEAGE, sibling_quantile=None)), ("with", LINEAGE)):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            analyse(nodes, thresholds=t)
            times.append(time.perf_counter() - start)
        best[label] = min(times)
    print(f"lineage analysis of {store.name} ({len(nodes)} findings), best of {runs}: "
          f"{best['without'] * 1000:.1f} ms without the sibling bar, "
          f"{best['with'] * 1000:.1f} ms with it")


if __name__ == "__main__":
    main()
