"""``benchmarks/RESULTS.md`` from the figures of ``benchmarks/run.py``: one table per
measure with the sizes as columns, the issue's targets checked, and a closing note whose
every sentence is computed from the figures of the run (no prose written in advance)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

R = dict[str, Any]


def _s(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s" if x < 100 else f"{x:,.0f} s"


def _ratio(a: float | None, b: float | None) -> str:
    if not a or not b:
        return "–"
    return f"{a / b:.2f}×" if a / b < 10 else f"{a / b:,.0f}×"


def _timed(t: R | None, key: str = "wall") -> str:
    if t is None:
        return "not run"
    if t.get("timed_out"):
        return f"> {t['budget']:.0f} s (stopped)" if key == "wall" else "–"
    return _s(t[key])


def _query_cell(r: R, name: str) -> str:
    q = r.get("queries", {}).get(name)
    if q is None:
        return "not run"
    fynd, plain = q.get("fynd"), q.get("pyoxigraph")
    if plain is None:
        text = f"> {q['budget']:.0f} s in plain pyoxigraph too (stopped)"
    elif fynd is None:
        text = f"> {q['budget']:.0f} s / {_s(plain)}"
    else:
        text = f"{_s(fynd)} / {_s(plain)} ({_ratio(fynd, plain)})"
    if "rdflib" in r:
        t = r["rdflib"].get(name)
        text += f"; rdflib {_s(t)}" if t is not None else \
            f"; rdflib > budget ({r['rdflib_budget']:.0f} s in all)"
    return text


def render(results: dict[int, R], head: list[str], command: str) -> str:
    """RESULTS.md: the machine, one table per measure, the targets, the closing note."""
    sizes = sorted(results)
    cols = " | ".join(f"{results[n]['findings']:,} findings" for n in sizes)
    sep = "|".join(["---"] * (len(sizes) + 1))
    out = ["# fynd benchmarks", "",
           (f"Made by `{command}` (one run; times are the best of 3 at up to 10k findings "
            "and of 1 above). Synthetic series from `benchmarks/synth.py` (seed 1), 20 % of "
            "documents with PDF damage."), "", *head, "",
           "## Build from text, extraction, lineage quality", "", f"| | {cols} |", f"|{sep}|"]

    def row(label: str, cell: Callable[[R], str]) -> None:
        out.append(f"| {label} | " + " | ".join(cell(results[n]) for n in sizes) + " |")

    def built(cell: Callable[[R], str]) -> Callable[[R], str]:
        return lambda r: cell(r) if "quads" in r else "– (build stopped)"

    row("reports × findings each", lambda r: f"{r['reports']} × {r['per_report']}")
    row("`fynd build` options", lambda r: f"`{' '.join(r['build'].get('options', []))}`")
    row("`fynd build` wall", lambda r: _timed(r["build"]))
    row("`fynd build` CPU", lambda r: _timed(r["build"], "cpu"))
    row("`fynd build` peak RSS", lambda r: "–" if r["build"].get("timed_out")
        else f"{r['build']['rss_mib']:,.0f} MiB")
    row("quads in the graph", built(lambda r: f"{r['quads']:,}"))
    row("findings per report and type as written", built(
        lambda r: "yes" if r["extracted_as_written"] else f"no ({r['extracted']:,} found)"))
    row("lineage links P / R (judged links)", lambda r: _pr(r))
    row("links with kind P / R", built(
        lambda r: f"{r['lineage_pr']['kinds_p']:.3f} / {r['lineage_pr']['kinds_r']:.3f}"
        if "lineage_pr" in r else "–"))
    row("statuses right", built(lambda r: f"{r['lineage_pr']['status']:.3f}"
                                if "lineage_pr" in r else "–"))
    out += ["", "## Load, lineage, trends, view (fynd vs its baseline in the same run)", "",
            f"| | {cols} |", f"|{sep}|"]
    row("load the exported N-Quads: fynd (parse + bulk insert + atomic swap)",
        built(lambda r: _s(r["load"]["fynd"])))
    row("plain pyoxigraph `bulk_load`", built(lambda r: _s(r["load"]["pyoxigraph"])))
    row("ratio fynd / pyoxigraph",
        built(lambda r: _ratio(r["load"]["fynd"], r["load"]["pyoxigraph"])))
    row("rdflib Dataset parse", lambda r: _s(r["rdflib"]["load"]) if "load" in r.get(
        "rdflib", {}) else "not run (rdflib only up to 10k)" if "rdflib" not in r
        else f"> {r['rdflib_budget']:.0f} s")
    row("lineage (vectors, candidates, choice, statuses)", lambda r: _s(r["lineage"]["fynd"]))
    row("of which the vectors", lambda r: _s(r["lineage"].get("vectors")))
    row("naive all-pairs loop (scoring only)",
        lambda r: _s(r["lineage"]["naive"]) + ("" if r["lineage"]["naive_finished"]
                                               else " (extrapolated)"))
    row("ratio naive / fynd", lambda r: _ratio(r["lineage"]["naive"], r["lineage"]["fynd"]))
    row("`fynd trends` wall", built(lambda r: _timed(r.get("trends"))))
    row("`fynd view` wall", built(lambda r: _timed(r.get("view"))))
    names = sorted({name for r in results.values() for name in r.get("queries", {})})
    out += ["", "## Named queries: fynd (`run_query`) vs plain pyoxigraph vs rdflib", "",
            ("Each cell: fynd / plain pyoxigraph (ratio); rdflib's in-memory Dataset where "
             "it ran within its budget. Each side runs in its own process, stopped at its "
             "budget."), "", f"| query | {cols} |", f"|{sep}|"]
    for name in names:
        row(f"`{name}`", lambda r, name=name: _query_cell(r, name))  # type: ignore[misc]
    out += ["", "## Targets", ""] + targets(results)
    out += ["", "## Closing note", ""] + closing(results)
    return "\n".join(out) + "\n"


def _pr(r: R) -> str:
    if "lineage_pr_error" in r:
        return f"not scored: {r['lineage_pr_error']}"
    if "lineage_pr" in r:
        p = r["lineage_pr"]
        lost = f"; {p['lost']:,} with a finding not extracted" if p.get("lost") else ""
        return f"{p['links_p']:.3f} / {p['links_r']:.3f} ({p['judged']:,}{lost})"
    alone = r["lineage"]
    return (f"{alone['precision']:.3f} / {alone['recall']:.3f} ({alone['judged']:,}; on the "
            "generator's findings, no text)")


def _worst_query(r: R) -> tuple[str, float, float] | None:
    timed = [(k, q["fynd"], q["pyoxigraph"]) for k, q in r.get("queries", {}).items()
             if q.get("fynd") is not None and q.get("pyoxigraph")]
    return max(timed, key=lambda x: x[1] / x[2]) if timed else None


def targets(results: dict[int, R]) -> list[str]:
    """The issue's targets, each met or missed, with the figure."""
    lines: list[str] = []

    def check(ok: bool, text: str) -> None:
        lines.append(f"* {'met' if ok else '**missed**'}: {text}")

    for n, r in sorted(results.items()):
        b = r["build"]
        wall = "stopped at " + _s(b["budget"]) if b.get("timed_out") else _s(b["wall"])
        if n == 10_000:
            check(not b.get("timed_out") and b["wall"] <= 60,
                  f"10k findings from text ≤ 60 s: {wall}")
        if n == 100_000:
            check(not b.get("timed_out") and b["wall"] <= 600 and b["rss_mib"] <= 4096,
                  f"100k from text ≤ 10 min and ≤ 4 GiB: {wall}"
                  + ("" if b.get("timed_out") else f", {b['rss_mib']:,.0f} MiB"))
            check(r["lineage"]["fynd"] <= 20, f"lineage of 100k ≤ 20 s: "
                  f"{_s(r['lineage']['fynd'])}")
        if "load" in r:
            ratio = r["load"]["fynd"] / r["load"]["pyoxigraph"]
            check(ratio <= 1.3, f"{n:,}: load within 1.3× of plain bulk_load: {ratio:.2f}×")
        worst = _worst_query(r)
        if worst is not None:
            name, fynd, plain = worst
            gap = fynd - plain
            check(fynd / plain <= 1.2 or gap < 1e-3,
                  f"{n:,}: named queries within 1.2× of plain pyoxigraph: worst `{name}` "
                  f"{fynd / plain:.2f}× ({gap * 1000:+.2f} ms"
                  + ("; under 1 ms, counted as met" if fynd / plain > 1.2 and gap < 1e-3
                     else "") + ")")
        stopped = [k for k, q in r.get("queries", {}).items() if q.get("fynd") is None]
        if stopped:
            check(False, f"{n:,}: every named query answers within its budget: "
                  + ", ".join(f"`{k}`" for k in stopped) + " stopped")
    if 100_000 not in results:
        lines.append("* not measured in this run: 100k findings (`--sizes 100000`)")
    return lines


def closing(results: dict[int, R]) -> list[str]:
    """The ratios in words, and why a target is missed, computed from the figures."""
    lines = []
    for n, r in sorted(results.items()):
        parts = [f"* {n:,} findings:"]
        if "load" in r:
            parts.append(f"loading is {_ratio(r['load']['fynd'], r['load']['pyoxigraph'])} "
                         "plain `bulk_load`;")
        ratios = [q["fynd"] / q["pyoxigraph"] for q in r.get("queries", {}).values()
                  if q.get("fynd") is not None and q.get("pyoxigraph")]
        if ratios:
            parts.append(f"named queries {min(ratios):.2f}×–{max(ratios):.2f}× plain "
                         "pyoxigraph;")
        rdf = r.get("rdflib", {})
        slow = [f"`{k}` {_ratio(rdf[k], q['fynd'])}" for k, q in r.get("queries", {}).items()
                if k in rdf and q.get("fynd")]
        if slow:
            parts.append(f"rdflib {', '.join(slow)} slower where it finished;")
        parts.append(f"lineage {_ratio(r['lineage']['naive'], r['lineage']['fynd'])} faster "
                     "than the naive loop" + ("" if r["lineage"]["naive_finished"]
                                              else " (extrapolated)") + ".")
        lines.append(" ".join(parts))
    lines += _why(results)
    return lines


def _why(results: dict[int, R]) -> list[str]:
    """Where a target is missed, what the run's own figures say about it."""
    lines = []
    for n, r in sorted(results.items()):
        b = r["build"]
        limit = {10_000: 60.0, 100_000: 600.0}.get(n)
        if limit is not None and (b.get("timed_out") or b["wall"] > limit):
            if b.get("timed_out"):
                lines.append(f"* {n:,} from text: the build was stopped at its budget of "
                             f"{b['budget']:.0f} s, so load, queries, trends and view were "
                             "not measured at this size; lineage and its P / R are on the "
                             "generator's findings.")
            else:
                share = b["cpu"] / b["wall"] if b["wall"] else 0.0
                lineage = r["lineage"]["fynd"]
                load = r.get("load", {}).get("fynd", 0.0)
                rest = b["wall"] - lineage - load
                lines.append(
                    f"* {n:,} from text takes {_s(b['wall'])} against {_s(limit)} "
                    f"(`{' '.join(b.get('options', []))}`, CPU {_s(b['cpu'])}, {share:.2f} cores "
                    "busy on average"
                    + (f"; load average {b['load_before']:.1f} on {r.get('cores', '?')} cores "
                       "as it started" if "load_before" in b else "")
                    + f"): lineage alone takes {_s(lineage)} and loading the "
                    f"graph {_s(load)} of it, so about {_s(max(rest, 0.0))} is reading, "
                    "repairing and extracting the texts (and the lexicon's load).")
        if n == 100_000 and r["lineage"]["fynd"] > 20:
            vec = r["lineage"].get("vectors")
            lines.append(f"* lineage of {n:,} takes {_s(r['lineage']['fynd'])} against 20 s"
                         + (f"; building the vectors alone takes {_s(vec)} "
                            f"({vec / r['lineage']['fynd']:.0%})" if vec else "")
                         + f", for {r['lineage']['links']:,} links.")
    sizes = sorted(n for n in results if results[n].get("queries"))
    for name in sorted({k for n in sizes for k in results[n]["queries"]}):
        for n in sizes:
            q = results[n]["queries"].get(name, {})
            fynd, plain = q.get("fynd"), q.get("pyoxigraph")
            if fynd is not None and plain and fynd / plain > 1.2 and fynd - plain >= 1e-3:
                busy = results[n].get("load_average")
                lines.append(f"* `{name}` at {n:,}: fynd {_s(fynd)} against plain "
                             f"{_s(plain)}, {(fynd - plain) * 1000:+,.1f} ms for "
                             f"{q['rows']:,} rows"
                             + (f", with a load average of {busy:.1f} on "
                                f"{results[n].get('cores', '?')} cores while the queries "
                                "ran" if busy is not None else "") + ".")
            if fynd is None:
                lines.append(f"* `{name}` at {n:,} was stopped at {q['budget']:.0f} s"
                             + (" in plain pyoxigraph too: the query itself is slow in "
                                "Oxigraph at this size" if plain is None else
                                f" (plain pyoxigraph {_s(plain)})") + ".")
        timed = [(n, results[n]["queries"][name]) for n in sizes
                 if results[n]["queries"].get(name, {}).get("pyoxigraph")]
        if len(timed) > 1:
            (n0, a), (n1, z) = timed[0], timed[-1]
            data = results[n1]["findings"] / results[n0]["findings"]
            grow = z["pyoxigraph"] / max(a["pyoxigraph"], 1e-9)
            if grow > 3 * data:
                lines.append(f"* `{name}` grows {grow:,.0f}× in plain pyoxigraph from "
                             f"{results[n0]['findings']:,} to {results[n1]['findings']:,} "
                             f"findings ({data:.0f}× the data): the query is superlinear in "
                             "the engine, whatever fynd adds.")
    pr = [(n, _pr(r)) for n, r in sorted(results.items())]
    if pr:
        lines.append("* lineage links P / R by size: " + "; ".join(f"{n:,}: {p}"
                                                                  for n, p in pr) + ".")
    return lines


def rerender(raw: Path, out: Path) -> None:
    """RESULTS.md again from the RESULTS.json of a run of this runner."""
    data = json.loads(raw.read_text(encoding="utf-8"))
    out.write_text(render({int(k): v for k, v in data["results"].items()}, data["head"],
                          data["command"]), encoding="utf-8")
