"""The baselines fynd is measured against in ``benchmarks/run.py``: plain pyoxigraph rows,
rdflib's in-memory Dataset (in a subprocess with a time budget), a naive all-pairs loop for
lineage, and lineage alone on the generator's findings (for a size whose build from text
was stopped)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def plain_rows(store, sparql: str) -> list:  # type: ignore[no-untyped-def]
    """The baseline: the query straight to pyoxigraph, rows read out as Python values (as
    fynd's ``run_query`` does), so both sides do the same work."""
    import pyoxigraph as ox

    answer = store.query(sparql, use_default_graph_as_union=True)
    if isinstance(answer, ox.QuerySolutions):
        return [[None if t is None else t.value for t in sol] for sol in answer]
    if isinstance(answer, ox.QueryBoolean):
        return [bool(answer)]
    return [[t.subject.value, t.predicate.value, t.object.value] for t in answer]


RDFLIB_SCRIPT = r"""
import json, sys, time, rdflib
from graph.rdf.vocab import PREFIXES
queries = json.loads(open(sys.argv[2]).read())
t = time.perf_counter()
d = rdflib.Dataset(default_union=True)
d.parse(sys.argv[1], format="nquads")
print(json.dumps({"name": "load", "s": time.perf_counter() - t}), flush=True)
ns = {k: rdflib.Namespace(v) for k, v in PREFIXES.items()}
for name, text in queries:
    t = time.perf_counter()
    rows = len(list(d.query(text, initNs=ns)))
    print(json.dumps({"name": name, "s": time.perf_counter() - t, "rows": rows}), flush=True)
"""


def rdflib_times(nq: Path, queries: list[tuple[str, str]], budget: float) -> dict[str, float]:
    """rdflib's load and query times, in a subprocess stopped after *budget* seconds."""
    spec = Path(tempfile.mkstemp(suffix=".json")[1])
    spec.write_text(json.dumps(queries), encoding="utf-8")
    out: dict[str, float] = {}
    process = subprocess.Popen([sys.executable, "-c", RDFLIB_SCRIPT, str(nq), str(spec)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True)
    try:
        process.wait(timeout=budget)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    for line in (process.stdout.read() if process.stdout else "").splitlines():
        row = json.loads(line)
        out[row["name"]] = row["s"]
    spec.unlink()
    return out


def naive_lineage(nodes, budget: float) -> tuple[float, int, bool]:  # type: ignore[no-untyped-def]
    """A plain loop over all earlier/later pairs of one type (cosine of the same vectors):
    seconds, pairs, and whether it finished (else the time is extrapolated)."""
    from graph.analysis.similarity import vectorize
    from graph.config import LINEAGE

    t0 = time.perf_counter()
    vectors = vectorize([n.compared for n in nodes]).matrix
    rows = [dict(zip(vectors[i].indices.tolist(), vectors[i].data.tolist()))
            for i in range(len(nodes))]
    by_type: dict[str, list[int]] = {}
    for i, n in enumerate(nodes):
        by_type.setdefault(n.type, []).append(i)
    total = 0  # earlier/later pairs of one type: all pairs minus those within a report
    for members in by_type.values():
        per_report: dict[int, int] = {}
        for i in members:
            per_report[nodes[i].position] = per_report.get(nodes[i].position, 0) + 1
        total += (len(members) ** 2 - sum(c * c for c in per_report.values())) // 2
    done, kept = 0, 0
    deadline = t0 + budget
    for members in by_type.values():
        for a_i, a in enumerate(members):
            ra, pa = rows[a], nodes[a].position
            for b in members[a_i + 1:]:
                if nodes[b].position == pa:
                    continue
                rb = rows[b]
                if sum(w * rb.get(k, 0.0) for k, w in ra.items()) >= LINEAGE.floor:
                    kept += 1
                done += 1
            if time.perf_counter() > deadline:
                spent = time.perf_counter() - t0
                return spent * total / max(done, 1), total, False
    return time.perf_counter() - t0, total, True


def lineage_only(reports: int, per: int, naive_budget: float) -> dict:
    """Lineage on the generator's findings as written (no text, no store): for sizes whose
    build from text does not fit the run.  Precision / recall against its true links."""
    import random

    from benchmarks.synth import Writer, evolve_series, lay_out, vocabulary
    from graph.analysis.lineage import Node, analyse

    writer = Writer(vocabulary(), random.Random(1))
    series = evolve_series(reports, per, writer)
    nodes, iri = [], {}
    for r, items in enumerate(series, 1):
        lay_out(items, f"Delrapport {r}", writer)
        for k, item in enumerate(items):
            iri[id(item)] = f"r{r:04d}/{k}"
            nodes.append(Node(iri[id(item)], f"r{r:04d}", r, 2000 + r, item.type, item.text))
    analyse(nodes[:200])
    t = time.perf_counter()
    result = analyse(nodes)
    spent = time.perf_counter() - t
    gold = {(iri[id(i.parent)], iri[id(i)]) for s in series for i in s
            if i.parent is not None and i.type == "recommendation"}
    auto = {(x.source, x.target) for x in result.links
            if result.nodes[x.source].type == "recommendation"}
    naive_s, pairs, finished = naive_lineage(nodes, naive_budget)
    return {"findings": len(nodes), "reports": reports, "per_report": per, "fynd": spent,
            "links": len(result.links), "precision": len(gold & auto) / max(len(auto), 1),
            "recall": len(gold & auto) / max(len(gold), 1), "judged": len(gold),
            "naive": naive_s, "pairs": pairs, "naive_finished": finished}


