"""Benchmarks from text: fynd against the engines underneath it, at 1k / 10k / 100k findings.

Run: python benchmarks/run.py [--sizes 1000,10000,100000] [--out benchmarks/RESULTS.md]

For each size it writes a synthetic series (``benchmarks/synth.py``) and measures, in one
run, each figure beside its baseline:

* ``fynd build`` from the texts (with ``--jobs N`` when the build takes it): wall time, CPU
  time and peak RSS of the process, and whether the findings per report and type are those
  the generator wrote; stopped at ``--build-budget`` (then lineage is measured on the
  generator's findings instead, and the rest of that size is not);
* lineage precision / recall against the generator's judged links;
* loading the exported graph (N-Quads) the way fynd writes a store (parse, bulk insert,
  atomic swap) vs plain pyoxigraph ``Store.bulk_load`` of the same file;
* each named query through fynd (``run_query``) vs the same text through plain pyoxigraph
  on the same store, each side in its own process stopped at ``--query-budget``, and vs
  rdflib's in-memory Dataset at up to 10k findings (a subprocess with a time budget);
* lineage (vectors, candidates, choice, statuses) vs a naive loop over all pairs of
  findings, run whole where it finishes in its budget and extrapolated otherwise;
* ``fynd trends`` and ``fynd view`` (wall time, stopped at ``--command-budget``).

It uses fynd's commands and public functions only.  Results go to RESULTS.md (through
``benchmarks/report.py``) and the raw figures to RESULTS.json beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.baselines import (
    lineage_only,
    naive_lineage,
    plain_rows,
    rdflib_times,
)
from benchmarks.bench_store import best

#: findings -> (reports, findings per report)
SHAPES = {1_000: (20, 50), 10_000: (50, 200), 100_000: (200, 500)}
FYND = [sys.executable, "-m", "graph"]
#: Above this many findings: one timing instead of the best of three, and no rdflib.
LARGE = 10_000


def shape(n: int) -> tuple[int, int]:
    if n in SHAPES:
        return SHAPES[n]
    reports = max(2, min(200, n // 50))
    return reports, max(1, n // reports)


def timed_process(args: list[str], budget: float | None = None) -> dict:
    """Run *args*: its own wall time, CPU time (user + system) and peak RSS (MiB); stopped
    (its whole process group) after *budget* seconds, then ``timed_out``."""
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err,
                                   start_new_session=True)
        deadline = None if budget is None else t + budget
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                os.killpg(process.pid, signal.SIGKILL)
                os.wait4(process.pid, 0)
                process.returncode = -9
                return {"timed_out": True, "budget": budget}
            time.sleep(0.05)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t
        if status != 0:
            err.seek(0)
            raise RuntimeError(f"{' '.join(args)} failed: {err.read().decode()[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mib": usage.ru_maxrss / 1024}


def accepts(command: str, option: str) -> bool:
    """Does ``fynd COMMAND`` take *option* (read from its ``--help``)?"""
    helped = subprocess.run([*FYND, command, "--help"], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    return helped.returncode == 0 and option in helped.stdout


def has_command(command: str) -> bool:
    return subprocess.run([*FYND, command, "--help"], cwd=ROOT, capture_output=True,
                          check=False).returncode == 0


def query_params(store) -> dict[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    """A value for each parameter of the named queries, taken from the graph."""
    from graph.rdf.store import run_query

    rec = run_query(store, "SELECT ?f WHERE { ?f a fynd:Recommendation ; fynd:persistsAs ?x }"
                    " LIMIT 1").rows
    finding = rec[0][0] if rec else run_query(
        store, "SELECT ?f WHERE { ?f a fynd:Finding } LIMIT 1").rows[0][0]
    label = run_query(store, f"SELECT ?l WHERE {{ <{finding}> rdfs:label ?l }}").rows[0][0]
    term = max((label or "samverkan").split(), key=len).strip(".,").lower()
    return {"finding": {"finding": finding}, "report": {"report": "r0001"},
            "term": {"term": term}, "type": {"type": "Recommendation"}}


def named_queries(store) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    from graph.rdf.queries import list_queries, named_query_text

    values = query_params(store)
    out = []
    for q in list_queries():
        params: dict[str, str] = {}
        for p in q.params:
            params.update({p: values.get(p, {}).get(p, "")} if p in values else {})
        out.append((q.name, named_query_text(q.name, params)))
    return out


def time_query(store: str, side: str, repeat: int) -> None:
    """The query worker (``run.py --time-query STORE SIDE REPEAT``, query text on stdin):
    one JSON line per run with its seconds and rows, so a run stopped at its budget still
    reports the runs it finished."""
    import pyoxigraph as ox

    from graph.rdf.store import open_store, run_query
    from graph.rdf.vocab import PREFIXES

    text = sys.stdin.read()
    if side == "fynd":
        graph = open_store(Path(store))
        def once() -> int:
            return len(run_query(graph, text).rows)
    else:
        try:  # the versioned store layout: the current version's directory
            from graph.rdf.store import current_version

            location = current_version(Path(store))
        except ImportError:
            location = Path(store)
        plain = ox.Store.read_only(str(location))
        declared = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
        def once() -> int:
            return len(plain_rows(plain, declared + text))
    for _ in range(repeat):
        t = time.perf_counter()
        rows = once()
        print(json.dumps({"s": time.perf_counter() - t, "rows": rows}), flush=True)


def query_side(store: Path, side: str, text: str, repeat: int, budget: float) -> dict | None:
    """Best time and rows of *text* on one side, in its own process; None if stopped
    before one run finished."""
    process = subprocess.Popen([sys.executable, __file__, "--time-query", str(store), side,
                                str(repeat)], cwd=ROOT, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               start_new_session=True)
    try:
        out, _ = process.communicate(text, timeout=budget)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, _ = process.communicate()
    runs = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    if not runs:
        return None
    return {"s": min(r["s"] for r in runs), "rows": runs[0]["rows"]}


def queries(store: Path, graph, repeat: int, budget: float) -> dict:  # type: ignore[no-untyped-def]
    """Each named query: plain pyoxigraph first; fynd only where the plain engine answered
    (fynd runs the same text on the same engine, so it cannot be faster)."""
    out = {}
    for name, text in named_queries(graph):
        plain = query_side(store, "plain", text, repeat, budget)
        fynd = query_side(store, "fynd", text, repeat, max(budget, 3 * plain["s"])) \
            if plain is not None else None
        if repeat > 1 and plain is not None and fynd is not None:
            # A second process per side, in the other order: a store just built may be
            # compacting in the background while the first process runs (seen as 2x either
            # way at 1k findings), so each side keeps its best of both processes.
            again = query_side(store, "fynd", text, repeat, budget)
            fynd = min(fynd, again or fynd, key=lambda r: r["s"])
            again = query_side(store, "plain", text, repeat, budget)
            plain = min(plain, again or plain, key=lambda r: r["s"])
        out[name] = {"fynd": fynd["s"] if fynd else None,
                     "pyoxigraph": plain["s"] if plain else None,
                     "rows": (fynd or plain or {"rows": 0})["rows"], "budget": budget}
        print(f"    {name}: fynd {out[name]['fynd']} plain {out[name]['pyoxigraph']}",
              flush=True)
    return out


def judged_found(judged: Path, rows: list, work: Path) -> tuple[Path, int]:
    """The generator's judged links, each finding matched by its wording to the finding
    the build extracted (a copy of *judged* in *work*), and how many links were left out
    because a finding of theirs was not extracted.

    Names alone would not do: a finding the build missed shifts the ordinals, and so the
    IRIs, of the findings after it in its document.  A judged finding is matched to the
    extracted finding of its document whose quote begins with the same four words, else
    to the one sharing most words with it (at least half)."""
    import tomllib

    data = tomllib.loads(judged.read_text(encoding="utf-8"))
    wording: dict[str, str] = data.get("wording", {})
    by_document: dict[str, list] = {}
    for row in rows:
        by_document.setdefault(row.document, []).append(row)
    words = lambda text: text.lower().split()
    mapped: dict[str, str] = {}
    for document, members in by_document.items():
        prefix = f"finding/{document}/"
        judged_here = {iri: text for iri, text in wording.items() if prefix in iri}
        free = {row.iri: row for row in members}
        starts: dict[tuple[str, ...], list[str]] = {}
        for row in members:
            starts.setdefault(tuple(words(row.quote)[:4]), []).append(row.iri)
        rest = []
        for iri, text in judged_here.items():
            same = [x for x in starts.get(tuple(words(text)[:4]), []) if x in free]
            if same:
                mapped[iri] = same[0]
                del free[same[0]]
            else:
                rest.append((iri, set(words(text))))
        for iri, said in rest:
            best, share = None, 0.5
            for row in free.values():
                got = set(words(row.quote))
                overlap = len(said & got) / max(len(said | got), 1)
                if overlap >= share:
                    best, share = row.iri, overlap
            if best is not None:
                mapped[iri] = best
                del free[best]
    links = data.get("link", [])
    kept = [{**x, "source": mapped[x["source"]], "target": mapped[x["target"]]}
            for x in links if x["source"] in mapped and x["target"] in mapped]
    lines = [f"scope = {json.dumps(data.get('scope', 'recommendation'))}", ""]
    for x in kept:
        lines += ["[[link]]", *(f"{k} = {json.dumps(v, ensure_ascii=False)}"
                                for k, v in x.items()), ""]
    lines.append("[status]")
    lines += [f"{json.dumps(mapped[k])} = {json.dumps(v)}"
              for k, v in data.get("status", {}).items() if k in mapped]
    out = work / f"{judged.parent.name}-judged-found.toml"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out, len(links) - len(kept)


def measure(n: int, work: Path, args: argparse.Namespace) -> dict:
    """Every figure for one size."""
    import pyoxigraph as ox

    from benchmarks.synth import generate
    from graph.analysis.evaluate import evaluate
    from graph.analysis.lineage import analyse
    from graph.analysis.lineage_rdf import read_lineage, read_nodes
    from graph.analysis.similarity import vectorize
    from graph.errors import FyndError
    from graph.rdf.read import read_findings
    from graph.rdf.store import atomic_store, export, load_quads, open_store

    reports, per = shape(n)
    corpus = work / f"corpus-{n}"
    summary = generate(corpus, reports, per, seed=1)
    store = work / f"store-{n}"
    r: dict = {"findings": summary["findings"], "reports": reports, "per_report": per}
    options = ["--raw"] + (["--jobs", str(args.jobs)] if accepts("build", "--jobs") else [])
    print(f"[{n}] build from text ({reports} reports x {per}; {' '.join(options)})",
          flush=True)
    load_before = os.getloadavg()[0]
    r["build"] = timed_process([*FYND, "build", "--reports", str(corpus), "--store",
                                str(store), *options], args.build_budget)
    r["build"].update(options=options, load_before=load_before)
    r["cores"] = os.cpu_count()
    if r["build"].get("timed_out"):
        print(f"[{n}] build stopped at {args.build_budget:.0f} s: lineage alone", flush=True)
        r["lineage"] = lineage_only(reports, per, args.naive_budget)
        return r
    graph = open_store(store)
    counted: dict[str, dict[str, int]] = {}
    for row in read_findings(graph, include_restating=False):
        counted.setdefault(row.report, {}).setdefault(row.type, 0)
        counted[row.report][row.type] += 1
    want = {rid: {t: c for t, c in types.items() if c} for rid, types in
            summary["counts"].items()}  # type: ignore[attr-defined]
    r["extracted_as_written"] = counted == want
    r["extracted"] = sum(sum(t.values()) for t in counted.values())
    judged, lost = judged_found(corpus / "judged.toml", list(read_findings(graph)), work)
    try:
        scored = evaluate(read_lineage(graph), judged, read_nodes(graph).refs)
    except FyndError as exc:
        r["lineage_pr_error"] = str(exc)
    else:
        # A judged link whose finding was not extracted counts as missed.
        found = scored.links.recall * scored.links.expected
        r["lineage_pr"] = {"links_p": scored.links.precision,
                           "links_r": found / max(scored.links.expected + lost, 1),
                           "kinds_p": scored.kinds.precision,
                           "kinds_r": scored.kinds.recall,
                           "status": scored.statuses.precision,
                           "judged": scored.links.expected + lost, "lost": lost}

    print(f"[{n}] export and load", flush=True)
    nq = work / f"graph-{n}.nq"
    nq.write_bytes(export(graph, "nq"))
    r["quads"] = sum(1 for _ in nq.open("rb"))

    def plain_load() -> None:
        where = Path(tempfile.mkdtemp(dir=work))
        s = ox.Store(str(where))
        s.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        s.flush()
        del s
        shutil.rmtree(where)

    def fynd_load() -> None:
        where = Path(tempfile.mkdtemp(dir=work)) / "store"
        with atomic_store(where) as s:
            load_quads(s, ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS))
        shutil.rmtree(where.parent)

    repeat = 3 if n <= LARGE else 1
    r["load"] = {"fynd": best(fynd_load, repeat), "pyoxigraph": best(plain_load, repeat)}

    print(f"[{n}] named queries", flush=True)
    r["queries"] = queries(store, graph, repeat, args.query_budget)
    r["load_average"] = os.getloadavg()[0]
    if n <= LARGE:
        print(f"[{n}] rdflib", flush=True)
        r["rdflib"] = rdflib_times(nq, named_queries(graph), args.rdflib_budget)
        r["rdflib_budget"] = args.rdflib_budget

    print(f"[{n}] lineage", flush=True)
    nodes = read_nodes(graph).nodes
    analyse(nodes[:200])  # imports (scipy, networkx, the stemmer) out of the timing
    t = time.perf_counter()
    vectorize([x.compared for x in nodes])
    vectors = time.perf_counter() - t
    t = time.perf_counter()
    result = analyse(nodes)
    r["lineage"] = {"fynd": time.perf_counter() - t, "vectors": vectors,
                    "links": len(result.links)}
    naive_s, pairs, finished = naive_lineage(nodes, args.naive_budget)
    r["lineage"].update(naive=naive_s, pairs=pairs, naive_finished=finished)

    print(f"[{n}] trends and view", flush=True)
    r["trends"] = timed_process([*FYND, "trends", "--store", str(store)], args.command_budget)
    if has_command("view"):
        r["view"] = timed_process([*FYND, "view", "--store", str(store), "--out",
                                   str(work / f"view-{n}.html")], args.command_budget)
    return r


def machine() -> list[str]:
    import numpy
    import pyoxigraph
    import rdflib
    import scipy

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    mem = next((int(line.split()[1]) / 1024 / 1024 for line in
                Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0.0)
    beside = Path(sys.executable).parent / "oxigraph"
    binary = str(beside) if beside.is_file() else shutil.which("oxigraph")
    server = subprocess.run([binary, "--version"], capture_output=True, text=True,
                            check=False).stdout.strip() if binary else ""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True, check=False).stdout.strip()
    load = os.getloadavg()
    return [(f"* machine: {platform.platform()}, {cpu}, {os.cpu_count()} cores, "
            f"{mem:.1f} GiB RAM; load average at the start {load[0]:.1f}"),
            (f"* Python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}, "
            f"server {server or 'not installed'}, rdflib {rdflib.__version__}, "
            f"scipy {scipy.__version__}, numpy {numpy.__version__}; fynd at {commit}")]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="findings per run, comma-separated [1000,10000,100000]")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    parser.add_argument("--work", type=Path, default=None, help="scratch directory")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="passed to `fynd build --jobs` when the build takes it")
    parser.add_argument("--build-budget", type=float, default=720.0,
                        help="seconds before a build from text is stopped [720]")
    parser.add_argument("--query-budget", type=float, default=60.0,
                        help="seconds for each side of each named query [60]")
    parser.add_argument("--command-budget", type=float, default=300.0,
                        help="seconds for `fynd trends` and `fynd view` [300]")
    parser.add_argument("--rdflib-budget", type=float, default=120.0)
    parser.add_argument("--naive-budget", type=float, default=60.0)
    parser.add_argument("--render", type=Path, default=None,
                        help="only write RESULTS.md again from a RESULTS.json of a run")
    parser.add_argument("--time-query", nargs=3, metavar=("STORE", "SIDE", "REPEAT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    from benchmarks.report import render, rerender

    if args.time_query:
        store, side, repeat = args.time_query
        time_query(store, side, int(repeat))
        return
    if args.render is not None:
        rerender(args.render, args.out)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = args.work or Path(tempfile.mkdtemp(prefix="fynd-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    head = machine()
    results: dict[int, dict] = {}
    command = "python benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    for n in sizes:
        t = time.perf_counter()
        results[n] = measure(n, work, args)
        results[n]["seconds"] = time.perf_counter() - t
        args.out.with_suffix(".json").write_text(json.dumps(
            {"head": head, "command": command.strip(),
             "results": {str(k): v for k, v in results.items()}}, indent=1))
        args.out.write_text(render(results, head, command.strip()), encoding="utf-8")
        print(f"[{n}] done in {results[n]['seconds']:.0f} s; wrote {args.out}", flush=True)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
