"""Choose the bar of the semantic rescue on judged series other than the shipped reports.

Run: python benchmarks/calibrate_semantic.py --work DIR [--bars 0.5,0.75,...]

Builds (once, into DIR) and scores:

* **calibration sets**: three synthetic series of ``benchmarks/synth.py`` (6 reports of 30
  findings, seeds 1-3, half the evolving findings paraphrased with the Swedish
  thesaurus, so they share few words with their parent; ``--with-merges`` adds seeds 4-6
  with merges and splits too, ``merges=0.6, splits=0.3``), and the real judged series of
  ``tests/fixtures/real/*.links.toml`` (hhs-oig, rir), built as two programmes of one
  catalog;
* **held out**: the shipped reports against ``tests/lineage_gold.toml``, scored only at
  the bar chosen on the calibration sets.

The bar is the lowest one at which the rescue adds **no false link** to any calibration
set (compared with the lexical lineage alone): the most recall the calibration sets
allow at no cost in precision.  ``--lexical-weight`` sets the weight of the TF-IDF
z-score beside the dense one; the weight shipped is the one whose chosen bar gained the
most calibration links (ties: the weight nearest 1, the plain mean).  (A first rule, the best pooled F1, was flat to within
0.002 from bar 0.75 up, so it could not choose.)  Negative controls (two real reports
on different subjects, one series, no programme; Swedish and English) count every link
as a false one.  The
lineage is recomputed from each store's findings (the automatic result, no curation),
lexical alone and with the rescue at each bar; ``--background`` adds the null model.
Needs the ``semantic`` extra and the Debian package ``mythes-sv``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

REAL = ROOT / "tests" / "fixtures" / "real"
REAL_REPORTS = (  # (report id, programme, issued, file stem)
    ("hhs13", "hhs", "2013-07-29", "en-hhs-oig-2013-observation-stays"),
    ("hhs16", "hhs", "2016-12-19", "en-hhs-oig-2016-two-midnight-policy"),
    ("rir20", "rir", "2020-12-22", "sv-riksrevisionen-2020-effektutvarderingar"),
    ("skr21", "rir", "2021-04-15", "sv-regeringen-skr-2020-21-178"),
    ("rir22", "rir", "2022", "sv-riksrevisionen-2020-effektutvarderingar-uppfoljning"),
)
#: Negative controls: two real reports of one language on different subjects, built as
#: one series with no programme (every link fynd makes between them is a false one).
UNRELATED = {
    "unrelated sv": (("rir18", "", "2018-12-06", "sv-riksrevisionen-2018-badda-for-battre-tillsyn"),
                     ("skr20", "", "2020-03-19", "sv-regeringen-skr-2019-20-121-ivo")),
    "unrelated en": (("gao06", "", "2006-09", "en-gao-2006-grants-management"),
                     ("gao26", "", "2026-03-05", "en-gao-2026-federal-program-inventory")),
}


def real_reports(out: Path, reports: tuple[tuple[str, str, str, str], ...] = REAL_REPORTS
                 ) -> Path:
    """Real reports as one catalog (their programmes as given), written to *out*."""
    out.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    for n, (rid, programme, issued, _stem) in enumerate(reports, 1):
        lines += ["[[report]]", f'id = "{rid}"', f'title = "{rid}"', f'issued = "{issued}"',
                  f"series = {n}"] + ([f'programme = "{programme}"'] if programme else []) + [""]
    for rid, _programme, _issued, stem in reports:
        shutil.copy(REAL / f"{stem}.txt", out)
        lines += ["[[document]]", f'file = "{stem}.txt"', f'report = "{rid}"',
                  f'language = "{stem[:2]}"', ""]
    (out / "catalog.toml").write_text("\n".join(lines), encoding="utf-8")
    return out


def judged_sets(work: Path, merges: bool = False) -> list[tuple[str, Path, Path | None, bool]]:
    """(name, reports directory, judged file (None: a negative control), held out) of
    every set, written if missing; with *merges* also three synthetic series with merges
    and splits (seeds 4-6)."""
    from benchmarks.synth import generate

    sets: list[tuple[str, Path, Path | None, bool]] = []
    for seed in (1, 2, 3):
        reports = work / f"synth{seed}"
        if not (reports / "judged.toml").is_file():
            generate(reports, 6, 30, seed, paraphrased=0.5)
        sets.append((f"synth seed {seed}", reports, reports / "judged.toml", False))
    for seed in (4, 5, 6) if merges else ():  # final reports fold findings together
        reports = work / f"synth{seed}-merges"
        if not (reports / "judged.toml").is_file():
            generate(reports, 6, 30, seed, paraphrased=0.5, merges=0.6, splits=0.3)
        sets.append((f"synth merges seed {seed}", reports, reports / "judged.toml", False))
    reports = work / "real"
    if not (reports / "catalog.toml").is_file():
        real_reports(reports)
    sets.append(("real hhs-oig", reports, REAL / "hhs-oig-hospital-stays.links.toml", False))
    sets.append(("real rir", reports, REAL / "rir-2020-30-effektutvarderingar.links.toml",
                 False))
    for name, reports_of in UNRELATED.items():
        reports = work / name.replace(" ", "-")
        if not (reports / "catalog.toml").is_file():
            real_reports(reports, reports_of)
        sets.append((name, reports, None, False))
    sets.append(("shipped (gold)", ROOT / "data" / "reports", ROOT / "tests" /
                 "lineage_gold.toml", True))
    return sets


def score(reports: Path, judged: Path | None, store: Path, semantic: object,
          background: object, thresholds: object = None) -> tuple[int, int, int]:
    """(agreed, automatic, judged) links of the automatic lineage of *reports* (for a
    negative control, every link is a false one)."""
    from graph.analysis.background import analyse_series
    from graph.analysis.evaluate import evaluate
    from graph.analysis.lineage_rdf import read_nodes, read_programmes
    from graph.pipeline import build
    from graph.rdf.store import open_store

    if not store.exists():
        build(reports, store, raw=True, semantic=False)
    graph = open_store(store)
    found = read_nodes(graph)
    from graph.config import LINEAGE

    result = analyse_series(found.nodes, read_programmes(graph),
                            background=background,  # type: ignore[arg-type]
                            semantic=semantic,  # type: ignore[arg-type]
                            thresholds=thresholds or LINEAGE)  # type: ignore[arg-type]
    if judged is None:
        return 0, len(result.lineage.links), 0
    links = evaluate(result.lineage, judged, found.refs).links
    return links.true_positive, links.predicted, links.expected


def precision(agreed: int, auto: int, judged: int) -> float:
    return agreed / auto if auto else 1.0


def main(argv: list[str] | None = None) -> None:
    from graph.config import BACKGROUND, SEMANTIC

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--bars", default="0.5,0.75,1.0,1.25,1.5,1.75,2.0,2.5,3.0")
    parser.add_argument("--background", action="store_true")
    parser.add_argument("--with-merges", action="store_true",
                        help="add the three synthetic series with merges and splits")
    parser.add_argument("--lexical-weight", type=float, default=SEMANTIC.lexical_weight,
                        help="weight of the TF-IDF z-score beside the dense one (0: dense alone)")
    parser.add_argument("--unit", choices=("finding", "sentence"), default=SEMANTIC.unit,
                        help="what the dense cosine compares (see SemanticConfig.unit)")
    parser.add_argument("--merges", action=argparse.BooleanOptionalAction,
                        default=SEMANTIC.merges, help="let a later finding take several orphans")
    args = parser.parse_args(argv)

    background = BACKGROUND if args.background else None
    args.work.mkdir(parents=True, exist_ok=True)
    sets = judged_sets(args.work, args.with_merges)
    bars = [float(x) for x in args.bars.split(",")]
    stores = {name: args.work / ("store-" + name.replace(" ", "-").replace("(", "")
                                 .replace(")", "")) for name, *_ in sets}
    # Build each store once (the real series share one).
    by_reports: dict[Path, Path] = {}
    for name, reports, _judged, _held in sets:
        stores[name] = by_reports.setdefault(reports, stores[name])

    def row(label: str, setting: object) -> list[tuple[int, int, int]]:
        t0 = time.perf_counter()
        counts = [score(r, j, stores[n], setting, background) for n, r, j, _h in sets]
        calib = [c for c, s in zip(counts, sets) if not s[3]]
        pooled = tuple(sum(c[i] for c in calib) for i in range(3))
        cells = " | ".join(f"{a}/{p} / {a}/{j}" if s[2] is not None else f"{p} links"
                           for (a, p, j), s in zip(counts, sets))
        print(f"| {label} | {cells} | {precision(*pooled):.3f} / {pooled[0]}/{pooled[2]} "
              f"| {time.perf_counter() - t0:.1f} s |")
        return counts

    print("| setting | " + " | ".join(f"{n}: P / R" for n, *_ in sets)
          + " | pooled P / R (calibration) | time |")
    print("|---" * (len(sets) + 3) + "|")
    lexical = row("lexical", None)
    false = lambda counts: [p - a for (a, p, _j), s in zip(counts, sets) if not s[3]]
    chosen: float | None = None
    stopped = False
    for bar in sorted(bars, reverse=True):
        counts = row(f"semantic, bar {bar:g}", replace(SEMANTIC, bar=bar,
                                                       lexical_weight=args.lexical_weight,
                                                       unit=args.unit, merges=args.merges))
        stopped = stopped or false(counts) != false(lexical)
        if not stopped:
            chosen = bar
    print(f"\nChosen on the calibration sets: bar {chosen} (the lowest bar adding no false "
          "link to any of them); the held-out column is the shipped reports.")


if __name__ == "__main__":
    main()
