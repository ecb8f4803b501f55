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
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    sets = judged_sets(args.work, merges=True)
    stores: dict[Path, Path] = {}
    for name, reports, _judged, _held in sets:
        stores.setdefault(reports, args.work / ("store-" + name.replace(" ", "-")
                                                .replace("(", "").replace(")", "")))
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


if __name__ == "__main__":
    main()
