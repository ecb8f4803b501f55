"""Benchmark: `fynd build` with a warm and a cold word cache, the build before the cache
(commit c8691b9), and cold `fynd findings` / `fynd query --name counts` against a plain
pyoxigraph script that runs the same SPARQL on the same store.

Run: python benchmarks/bench_build.py [--repeat 3] [--before c8691b9 | --no-before]

Every measurement is a new process (``python -c 'from graph.cli import app; app()' ...``,
the same command for this tree and for the old one), timed from outside; its peak RSS is
the child's ``ru_maxrss``, its CPU time user + system. Warm: the word cache already built in a temporary
``$FYND_CACHE_DIR`` (best of --repeat); cold: that directory empty (one run). "Before"
runs the old tree, extracted with ``git archive`` into a temporary directory (one run:
it takes a while). The user's own cache and store are not touched. At the end the
graphs of the new and the old build are compared quad for quad.

Prints a Markdown table, and the load average: on a shared machine, wall times grow
with the other processes' load.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FYND = [sys.executable, "-c", "from graph.cli import app; app()"]

# Runs a command, then writes "returncode wall_seconds maxrss cpu_seconds" to a file: the
# peak RSS and the CPU time (user + system) of the one child this process waited for.
_TIMER = """
import resource, subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
with open(out + ".err", "w") as err:
    t = time.perf_counter()
    rc = subprocess.call(cmd, stdout=subprocess.DEVNULL, stderr=err)
    wall = time.perf_counter() - t
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(out, "w") as f:
    f.write(f"{rc} {wall} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
"""

# The plain pyoxigraph baseline: open the store read-only, run the queries, print rows.
_PLAIN = """
import json, sys
import pyoxigraph as ox
spec = json.load(open(sys.argv[1]))
store = ox.Store.read_only(spec["store"])
for sparql in spec["queries"]:
    for row in store.query(sparql, prefixes=spec["prefixes"], use_default_graph_as_union=True):
        print("\\t".join("" if t is None else t.value for t in row))
"""


def measure(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MiB) and CPU seconds of ``cmd`` run in a new process."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result"
        subprocess.run([sys.executable, "-c", _TIMER, str(out), *cmd], cwd=cwd, env=env,
                       check=True)
        rc, wall, rss, cpu = out.read_text().split()
        if int(rc) != 0:
            raise SystemExit(f"{' '.join(cmd[3:])} failed in {cwd}:\n"
                             + Path(str(out) + ".err").read_text())
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, else KiB
    return float(wall), int(rss) * scale / 2**20, float(cpu)


def best(cmd: list[str], cwd: Path, env: dict[str, str],
         repeat: int) -> tuple[float, float, float]:
    """The fastest wall time and CPU time of ``repeat`` runs, and the largest peak RSS."""
    runs = [measure(cmd, cwd, env) for _ in range(repeat)]
    return (min(r[0] for r in runs), max(r[1] for r in runs), min(r[2] for r in runs))


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("FYND_") and k != "PYTHONPATH"}
    env.update(extra)
    return env


def old_tree(rev: str, where: Path) -> Path:
    """Extract commit ``rev`` of this repository into ``where`` (no worktree is made)."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(where, filter="data")
    return where


def sorted_quads(store: Path) -> list[bytes]:
    import pyoxigraph as ox

    out = io.BytesIO()
    location = store
    if (store / "fynd-store.json").is_file():  # a versioned store: read its current version
        from graph.rdf.store import current_version

        location = current_version(store)
    ox.Store.read_only(str(location)).dump(out, format=ox.RdfFormat.N_QUADS)
    return sorted(out.getvalue().splitlines())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each warm measurement")
    parser.add_argument("--before", default="c8691b9", help="commit to compare with")
    parser.add_argument("--no-before", action="store_true", help="skip the old build")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from graph.findings import FindingType
    from graph.rdf.queries import load_query
    from graph.rdf.read import _READ, _SPANS
    from graph.rdf.store import current_version
    from graph.rdf.vocab import PREFIXES

    load_before = os.getloadavg()
    rows: list[tuple[str, float, float, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        cache, store = tmp / "cache", tmp / "store"
        env = clean_env(FYND_CACHE_DIR=str(cache))
        build = [*FYND, "build", "--store", str(store)]

        cold = measure(build, ROOT, env)  # the cache directory does not exist yet
        warm = best(build, ROOT, env, args.repeat)
        rows.append((f"`fynd build`, warm cache (best of {args.repeat})", *warm, ""))
        rows.append(("`fynd build`, cold cache (empty `FYND_CACHE_DIR`)", *cold, ""))

        identical = "not compared"
        if not args.no_before:
            old = old_tree(args.before, tmp / "before")
            old_env = clean_env(PYTHONPATH=str(old))
            where = subprocess.run([sys.executable, "-c", "import graph; print(graph.__file__)"],
                                   cwd=old, env=old_env, check=True, capture_output=True,
                                   text=True).stdout.strip()
            if not where.startswith(str(old)):
                raise SystemExit(f"the old tree imports {where}, not its own graph package")
            old_store = tmp / "before-store"
            before = measure([*FYND, "build", "--store", str(old_store)], old, old_env)
            rows.append((f"`fynd build` before ({args.before}: spylls, no cache)", *before,
                         f"warm is {before[0] / warm[0]:.1f}x faster"))
            identical = ("yes" if sorted_quads(store) == sorted_quads(old_store)
                         else "no: they differ by what later work changed on purpose (source offsets, "
                         "new findings, notes), each named by tests/test_export_identity.py")

        spec = tmp / "plain.json"
        plain = [sys.executable, "-c", _PLAIN, str(spec)]
        commands = {
            "`fynd findings`": ([*FYND, "findings", "--store", str(store)],
                                [_READ.replace("FILTERS", "").replace(
                                    "CLASSES", " ".join(f"fynd:{t.class_name}"
                                                        for t in FindingType)), _SPANS]),
            "`fynd query --name counts`": ([*FYND, "query", "--name", "counts", "--store",
                                            str(store)], [load_query("counts").text]),
        }
        query_rows = []
        for name, (cmd, queries) in commands.items():
            spec.write_text(json.dumps({"store": str(current_version(store)), "queries": queries,
                                        "prefixes": PREFIXES}))
            ours = best(cmd, ROOT, env, args.repeat)
            base = best(plain, ROOT, env, args.repeat)
            query_rows.append((name, ours, base))

    print(f"\n{os.cpu_count()} CPUs; load average {load_before[0]:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after; Python {sys.version.split()[0]}; "
          f"{time.strftime('%Y-%m-%d %H:%M')}\n")
    print("| build | wall (s) | peak RSS (MiB) | CPU (s) | |")
    print("|---|---:|---:|---:|---|")
    for name, wall, rss, cpu, note in rows:
        print(f"| {name} | {wall:.2f} | {rss:.0f} | {cpu:.2f} | {note} |")
    print(f"\nGraph of the new build identical to the old one's (sorted N-Quads): {identical}\n")
    print(f"| new process (best of {args.repeat}) | fynd wall (s) | fynd RSS (MiB) | "
          "plain pyoxigraph wall (s) | plain RSS (MiB) | wall ratio | CPU ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, (w, r, c), (bw, br, bc) in query_rows:
        print(f"| {name} | {w:.2f} | {r:.0f} | {bw:.2f} | {br:.0f} | {w / bw:.1f}x "
              f"| {c / bc:.1f}x |")


if __name__ == "__main__":
    main()
